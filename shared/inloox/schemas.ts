/**
 * zod schemas for what the client sends (strict: unknown or invalid fields are rejected before anything is sent)
 * and for what InLoox returns (loose: extra fields pass through, a missing key or a wrong type is a malformed
 * response). Field names and types follow the InLoox 11 EDMX.
 */
import { z } from 'zod';
import { dateRange, effortHoursSchema, guidSchema as guid, htmlSchema, nameSchema as name } from '../domain';
import { InLooxError } from './errors';
import type { ProjectMember } from './types';

const dateTime = z.iso.datetime({ offset: true });

const optionalGuid = guid.nullable().optional();
const optionalDate = dateTime.nullable().optional();
const html = htmlSchema.nullable().optional();

const projectFields = {
  Name: name,
  StartDate: optionalDate,
  EndDate: optionalDate,
  Priority: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  ClientId: optionalGuid,
  DescriptionHTML: html,
};

/** A new project may name its number's prefix and suffix; InLoox adds the sequential part. */
const numberAffix = z
  .string()
  .max(20)
  .regex(/^[^\p{Cc}]*$/u)
  .optional();
export const projectInputSchema = z
  .strictObject({ ...projectFields, NumberPrefix: numberAffix, NumberSuffix: numberAffix })
  .superRefine(dateRange('StartDate', 'EndDate'));
export const projectPatchSchema = z
  .strictObject({ ...projectFields, Name: name.optional(), IsArchived: z.boolean().optional() })
  .superRefine(dateRange('StartDate', 'EndDate'));

const taskFields = {
  Name: name,
  ProjectId: optionalGuid,
  ContactId: optionalGuid,
  StartDateTime: optionalDate,
  EndDateTime: optionalDate,
  WorkAmount: effortHoursSchema.optional(),
  DescriptionHTML: html,
};

export const taskInputSchema = z.strictObject(taskFields).superRefine(dateRange('StartDateTime', 'EndDateTime'));
export const taskPatchSchema = z
  .strictObject({ ...taskFields, Name: name.optional(), IsDone: z.boolean().optional() })
  .superRefine(dateRange('StartDateTime', 'EndDateTime'));

export const noteHtmlSchema = htmlSchema.trim().min(1, 'text_required');
export const guidSchema = guid;
export const guidListSchema = z.array(guid).max(500);
export const memberRoleSchema = z.union([
  z.literal(2),
  z.literal(4),
  z.literal(8),
  z.literal(16),
  z.literal(32),
  z.literal(64),
  z.literal(128),
  z.literal(256),
  z.literal(512),
  z.literal(1024),
  z.literal(2048),
]);

/** Validates input; the first problem becomes InLooxError('validation', { field }). */
export function validate<T>(schema: z.ZodType<T>, value: unknown, fieldName?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  let field = fieldName;
  if (issue) {
    if (issue.code === 'unrecognized_keys') field = issue.keys[0];
    else if (issue.path.length > 0) field = [fieldName, ...issue.path.map(String)].filter(Boolean).join('.');
  }
  throw new InLooxError('validation', { field, detail: issue?.message });
}

// ---- responses ----

const text = z.string().nullable().optional();
const maybeGuid = z.string().nullable().optional();

export const projectSchema = z.looseObject({
  ProjectId: guid,
  Name: z
    .string()
    .nullable()
    .transform((v) => v ?? ''),
  Number: text,
  Priority: z.number().catch(1),
  IsArchived: z.boolean().optional(),
  IsRecycled: z.boolean().optional(),
});

export const taskSchema = z.looseObject({
  TaskItemId: guid,
  Name: text,
  ProjectId: maybeGuid,
  ContactId: maybeGuid,
  IsDone: z.boolean().catch(false),
  WorkAmount: z.number().catch(0),
});

export const projectNoteSchema = z.looseObject({
  ProjectNoteId: guid,
  ProjectId: maybeGuid,
  Note: text,
  NoteHtml: text,
  CreateDateTime: text,
  CreatedByContactId: maybeGuid,
});

export const contactSchema = z.looseObject({ ContactId: guid, DisplayName: text, Email: text });
export const userInfoSchema = z.looseObject({ ContactId: guid, DisplayName: text, Email: text });

/**
 * A project member from GetProjectContactRelations(). The EDMX names the fields ContactRelationId/ContactId/Role,
 * the API reference Id/MemberId/RoleType; both are accepted.
 */
export const memberSchema = z
  .looseObject({
    ContactRelationId: guid.optional(),
    Id: guid.optional(),
    ContactId: guid.optional(),
    MemberId: guid.optional(),
    Role: z.number().optional(),
    RoleType: z.number().optional(),
    DisplayName: text,
    Email: text,
  })
  .transform((m, ctx): ProjectMember => {
    const contactId = m.ContactId ?? m.MemberId;
    const role = m.Role ?? m.RoleType;
    if (!contactId || role === undefined) {
      ctx.addIssue({ code: 'custom', message: 'member without contact id or role' });
      return z.NEVER;
    }
    return {
      ...m,
      ContactRelationId: m.ContactRelationId ?? m.Id ?? contactId,
      ContactId: contactId,
      Role: role,
      DisplayName: m.DisplayName,
      Email: m.Email,
    };
  });

/** Parses a response entity; a malformed answer is an 'unavailable' error (InLoox did not answer as documented). */
export function parseEntity<T>(schema: z.ZodType, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InLooxError('unavailable', {
      detail: `malformed ${what} in response${issue ? `: ${issue.path.join('.')} ${issue.message}` : ''}`,
    });
  }
  return result.data as T;
}
