/**
 * Project numbers: prefix + sequential number (three digits, as the demo data shows them) + suffix, unique per
 * account. CheckIfProjectNumberExists asks whether another project has a number; UpdateProjectNumber changes prefix
 * and suffix and is refused (409) when the result belongs to another project.
 */
import type { AccountData, BoundOperation } from '../accountData';
import { badRequest, ODataError } from '../odata/errors';
import type { StoredRow } from '../store';
import { stringOrNull as str } from './define';

/** Longest prefix or suffix the sandbox takes (InLoox documents none). */
const MAX_AFFIX = 50;

export function projectNumber(row: StoredRow): string {
  const increment = String(row.NumberIncremential ?? 0).padStart(3, '0');
  return `${str(row.NumberPrefix) ?? ''}${increment}${str(row.NumberSuffix) ?? ''}`;
}

/** Whether a project other than `exceptId` has this number (compared without regard to case). */
export function numberTaken(data: AccountData, number: string, exceptId: string): boolean {
  const wanted = number.trim().toLowerCase();
  return data
    .raw('Project')
    .some((p) => p.ProjectId !== exceptId.toLowerCase() && projectNumber(p).toLowerCase() === wanted);
}

export function numberConflict(number: string): ODataError {
  return new ODataError(
    409,
    'ProjectNumberExists',
    `The project number '${number}' is already used by another project.`,
  );
}

/** For POST and PATCH: the number the row would have must be free. */
export function checkNumberFree(data: AccountData, row: StoredRow): void {
  const number = projectNumber(row);
  if (numberTaken(data, number, String(row.ProjectId))) throw numberConflict(number);
}

export const checkIfProjectNumberExists: BoundOperation = {
  kind: 'function',
  binding: 'entity',
  parameters: { projectNumber: { type: 'Edm.String', required: true } },
  handler({ data, key, args }) {
    data.existing('Project', key);
    const number = args().projectNumber as string;
    if (!number.trim()) throw badRequest('The parameter projectNumber must not be empty.');
    return { type: 'Edm.Boolean', value: numberTaken(data, number, key) };
  },
};

export const updateProjectNumber: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  parameters: { prefix: { type: 'Edm.String', required: false }, suffix: { type: 'Edm.String', required: false } },
  handler({ data, key, args }) {
    const existing = data.existing('Project', key);
    const p = args();
    const prefix = (p.prefix as string | null | undefined) ?? '';
    const suffix = (p.suffix as string | null | undefined) ?? '';
    if (prefix.length > MAX_AFFIX || suffix.length > MAX_AFFIX)
      throw badRequest(`Prefix and suffix may have at most ${MAX_AFFIX} characters.`);
    const row = { ...existing, NumberPrefix: prefix, NumberSuffix: suffix };
    checkNumberFree(data, row);
    data.put('Project', key, { ...row, ChangedByContactId: data.profile.contactId, LastChangedDateTime: data.now() });
    return undefined;
  },
};
