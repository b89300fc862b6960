/**
 * The custom fields of a task or project in the tab's details: by section, formatted on the server with the
 * cards' formatting in the person's language (Accept-Language) and time zone (?timeZone=). One InLoox call (the
 * Dynamic row with just the fields' columns) once the key's definitions are cached.
 */
import type { Router } from 'express';
import { RequestValidationError, requestLocale } from '../../server/api-errors';
import { jsonRoute as route } from '../../server/json-route';
import type { IdentifyRequest } from '../../server/request-identity';
import { customFieldSections } from '../../shared/cards/custom-field-sections';
import type { ConnectionService } from '../../shared/connections';
import { loadCustomFieldView } from '../../shared/custom-field-view';
import { isGuid } from '../../shared/domain';
import type { CustomFieldTable } from '../../shared/inloox/custom-field-types';
import type { TabCustomFields } from '../custom-field-types';

const TABLES: Record<'tasks' | 'projects', { table: CustomFieldTable; param: string }> = {
  tasks: { table: 'TaskItem', param: 'taskId' },
  projects: { table: 'Project', param: 'projectId' },
};

export function customFieldRoutes(api: Router, identify: IdentifyRequest, connections: ConnectionService): void {
  for (const [path, { table, param }] of Object.entries(TABLES)) {
    api.get(
      `/${path}/:${param}/fields`,
      route(identify, async (identity, req): Promise<TabCustomFields> => {
        const id = String(req.params[param] ?? '');
        if (!isGuid(id)) throw new RequestValidationError('invalid_id', param);
        const zone = typeof req.query.timeZone === 'string' ? req.query.timeZone.slice(0, 64) : undefined;
        const inloox = await connections.apiFor(identity);
        const view = await loadCustomFieldView(inloox, table, id.toLowerCase());
        const ctx = { locale: requestLocale(req), ...(zone ? { timeZone: zone } : {}) };
        return {
          sections: customFieldSections(view, ctx).map((s) => ({
            name: s.name,
            fields: s.facts.map((f) => ({ label: f.title, value: f.value, missing: f.missing })),
          })),
        };
      }),
    );
  }
}
