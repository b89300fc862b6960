import express, { type Request } from 'express';
import { addinAssets } from '../../addin/build';
import { createAddinRouter, type IdentifyRequest } from '../../addin/server/router';
import { UnauthenticatedError } from '../../server/api-errors';
import { DEV_IDENTITY } from '../../shared/auth/dev-identity';
import type { UserIdentity } from '../../shared/identity';
import type { InLooxApi } from '../../shared/inloox/api';
import { ALICE, startApiHarness, type ApiHarness } from '../helpers/api-harness';

export { ALICE };

/** The identity local mode gives every direct loopback caller without a token. */
export const DEV: UserIdentity = { ...DEV_IDENTITY };

/** For API tests with two people: "Bearer alice" is Alice, no header is DEV, anything else is refused. */
export const testIdentify: IdentifyRequest = async (req: Request) => {
  const header = req.get('authorization');
  if (!header) return DEV;
  if (header === 'Bearer alice') return ALICE;
  throw new UnauthenticatedError('bad test token');
};

export interface AddinHarness extends Omit<ApiHarness, 'clientFor'> {
  /** The sandbox account's API key the tests connect with. */
  apiKey: string;
  /** The InLoox API of that account, straight to the sandbox (to read results back). */
  inlooxApi: InLooxApi;
}

/** The add-in router on 127.0.0.1:0 with a real sandbox, a real SQLite key store and the real connection service. */
export async function startAddinHarness(
  options: { env?: NodeJS.ProcessEnv; identify?: IdentifyRequest } = {},
): Promise<AddinHarness> {
  const { clientFor, ...harness } = await startApiHarness({
    tempPrefix: 'addin-test-',
    env: options.env,
    // Default: the product's own request identity (development identity for direct loopback callers).
    app: (services) =>
      express().use(
        createAddinRouter(services, {
          ...(options.identify ? { identify: options.identify } : {}),
          assets: addinAssets,
        }),
      ),
  });
  const apiKey = harness.sandbox.accounts[0]!.apiKey;
  return { ...harness, apiKey, inlooxApi: clientFor(apiKey) };
}

/** Unstars the demo favorites of the key's owner, for tests of what happens before a person chose any project. */
export async function withoutFavorites(api: InLooxApi): Promise<void> {
  const { items } = await api.listProjects({ favoritesOnly: true, top: 100 });
  for (const project of items) await api.setFavorite(project.ProjectId, false);
}
