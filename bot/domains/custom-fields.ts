/** Custom fields: the "Edit fields" form of project and task cards and saving it in one BatchUpdate. */
import { z } from 'zod';
import {
  changedValues,
  customFieldFormCard,
  customFieldsSavedCard,
  readCustomFieldInputs,
  type AdaptiveCardJson,
  type CustomFieldTarget,
} from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { guidSchema } from '../../shared/domain/schemas';
import { isInLooxError } from '../../shared/inloox/errors';
import { loadCustomFieldView } from '../custom-fields';
import { verb, type Domain, type HandlerContext } from '../domain';
import { errorReason } from '../errors';
import { apiFor } from '../turn';

const table = z.enum(['Project', 'TaskItem']);
const name = z.string().max(500).catch('');
const editData = z.object({ table, id: guidSchema, name: name.optional() });
/** What the form carries (see CustomFieldFormState); the person's inputs come next to it. */
const saveData = z.looseObject({
  table,
  id: guidSchema,
  name,
  orig: z.record(z.string().max(200), z.string().max(10_000).nullable()),
  editable: z.array(z.string().max(200)).max(500),
});

async function nameOf(c: HandlerContext, target: { table: 'Project' | 'TaskItem'; id: string }): Promise<string> {
  const api = await apiFor(c.deps, c.turn);
  return target.table === 'Project'
    ? (await api.getProject(target.id)).Name
    : ((await api.getTask(target.id)).Name ?? '');
}

async function showForm(
  c: HandlerContext,
  target: CustomFieldTarget,
  options: { error?: string; entered?: Record<string, unknown>; refresh?: boolean } = {},
): Promise<AdaptiveCardJson> {
  const api = await apiFor(c.deps, c.turn);
  const view = await loadCustomFieldView(api, target.table, target.id, { blocked: true, refresh: options.refresh });
  return customFieldFormCard(c.turn.ctx, target, view, options);
}

async function save(c: HandlerContext, data: z.output<typeof saveData>, raw: Record<string, unknown>) {
  const { ctx } = c.turn;
  const api = await apiFor(c.deps, c.turn);
  const target: CustomFieldTarget = { table: data.table, id: data.id.toLowerCase(), name: data.name };
  const schema = await api.customFieldSchema(target.table);
  const fields = schema.fields.filter((f) => data.editable.includes(f.column) && !f.writeProtected);
  const read = readCustomFieldInputs(ctx, fields, raw);
  if (read.errors.length)
    return showForm(c, target, {
      error: t(ctx.locale, 'formFixErrors', { errors: read.errors.join(' ') }),
      entered: raw,
    });
  const changed = changedValues(fields, data.orig, read.values);
  try {
    await api.saveCustomFields(target.id, changed);
  } catch (error) {
    if (isInLooxError(error) && (error.kind === 'auth' || error.kind === 'not_found')) throw error;
    const reason = t(ctx.locale, 'saveFailed', { reason: errorReason(ctx, error, c.deps.log) });
    return showForm(c, target, { error: reason, entered: raw, refresh: true });
  }
  const values = { ...data.orig, ...changed };
  return customFieldsSavedCard(ctx, target, { schema, values }, Object.keys(changed).length > 0);
}

export const customFields: Domain = {
  name: 'customFields',
  commands: [],
  verbs: {
    'fields.edit': verb(editData, async (c, data) => {
      const target = { table: data.table, id: data.id.toLowerCase() };
      return showForm(c, { ...target, name: data.name || (await nameOf(c, target)) });
    }),
    'fields.save': verb(saveData, save),
  },
};
