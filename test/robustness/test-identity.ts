/** Add-in callers in the robustness suites: "Authorization: Bearer robust:<tenantId>:<objectId>". */
import type { Request } from 'express';
import { UnauthenticatedError } from '../../server/api-errors';
import type { UserIdentity } from '../../shared/identity';

const BEARER = /^Bearer robust:([0-9a-f-]{36}):([0-9a-f-]{36})$/i;

export function bearerFor(person: UserIdentity): string {
  return `Bearer robust:${person.tenantId}:${person.objectId}`;
}

export async function identifyByTestToken(req: Request): Promise<UserIdentity> {
  const match = BEARER.exec(req.get('authorization') ?? '');
  if (!match) throw new UnauthenticatedError('no robustness test token');
  return { tenantId: match[1]!, objectId: match[2]! };
}
