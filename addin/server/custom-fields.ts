/**
 * Custom fields of the add-in's task form: which fields to offer (definitions from the client's per-key cache),
 * checking what was typed before the create, and writing it in one BatchUpdate right after.
 */
import express, { type Request, type Router } from 'express';
import { requestLocale, toApiError } from '../../server/api-errors';
import { jsonRoute as route } from '../../server/json-route';
import type { IdentifyRequest } from '../../server/request-identity';
import { createFormFields, inputLabel } from '../../shared/cards/custom-fields';
import type { ConnectionService } from '../../shared/connections';
import {
  fieldsNotSavedText,
  readCreateFields,
  saveCreateFields,
  type CreateFields,
} from '../../shared/custom-field-create';
import { AppError } from '../../shared/errors/app-error';
import type { Locale } from '../../shared/i18n';
import type { InLooxApi } from '../../shared/inloox/api';
import type { CustomFieldSchema } from '../../shared/inloox/custom-field-types';
import { isInLooxError } from '../../shared/inloox/errors';
import type { AddinCustomField, CustomFieldsResponse, FieldsNotSaved } from '../contract-custom-fields';
import type { CreateTaskRequest } from '../contract';

export function toAddinFields(schema: CustomFieldSchema): AddinCustomField[] {
  return createFormFields(schema).map((field) => ({
    column: field.column,
    label: inputLabel(field),
    type: field.type,
    section: schema.sections.find((s) => s.id === field.sectionId)?.name ?? '',
    required: field.warnIfEmpty,
    choices: field.type === 'List' ? field.listValues : [],
    allowNew: field.type === 'List' && field.allowNew,
  }));
}

export function customFieldRoutes(identify: IdentifyRequest, connections: ConnectionService): Router {
  const router = express.Router();
  router.get(
    '/custom-fields/task',
    route(identify, async (identity): Promise<CustomFieldsResponse> => {
      const api = await connections.apiFor(identity);
      try {
        return { fields: toAddinFields(await api.customFieldSchema('TaskItem')) };
      } catch (error) {
        // Custom fields are extra: without them the task can still be created; a revoked key asks to reconnect.
        if (isInLooxError(error) && error.kind === 'auth') throw error;
        return { fields: [] };
      }
    }),
  );
  return router;
}

/**
 * The typed custom fields of a create request, checked by type in the person's language (decimal separator) and
 * time zone. A refused value stops the create before any InLoox write, naming every refused field.
 */
export async function readTaskFields(api: InLooxApi, input: CreateTaskRequest, req: Request): Promise<CreateFields> {
  const ctx = { locale: requestLocale(req), ...(input.timeZone ? { timeZone: input.timeZone } : {}) };
  const fields = await readCreateFields(api, ctx, 'TaskItem', input.customFields ?? {});
  if (fields.errors.length)
    throw new AppError('invalid_request', {
      invalidReason: 'custom_field_invalid',
      field: `cf_${fields.refused[0]}`,
      problems: fields.errors.join(' '),
      detail: 'Invalid custom field values',
    });
  return fields;
}

/** Writes them to the created task; a failure leaves the task and says which fields were not saved. */
export async function writeTaskFields(
  api: InLooxApi,
  fields: CreateFields,
  taskId: string,
  locale: Locale,
): Promise<FieldsNotSaved | undefined> {
  const outcome = await saveCreateFields(api, fields, taskId);
  if (outcome.saved) return undefined;
  const reason = toApiError(outcome.error, locale, 'outlook').body.error.message;
  return {
    fields: outcome.labels,
    message: fieldsNotSavedText(locale, outcome.labels, reason),
  };
}
