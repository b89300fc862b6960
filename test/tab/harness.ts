import express, { type Express, type Request } from 'express';
import type { AppServices } from '../../server/app-services';
import { UnauthenticatedError } from '../../server/api-errors';
import type { UserIdentity } from '../../shared/identity';
import { createTabRouter, type TabRouterOptions } from '../../tab/server/router';
import { ALICE, startApiHarness, type ApiHarness, type CallOptions } from '../helpers/api-harness';

export { ALICE };
export const BOB: UserIdentity = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  objectId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
};

/** Test identity: "Authorization: Bearer alice|bob"; anything else is refused like a bad SSO token. */
export async function bearerTestIdentity(req: Request): Promise<UserIdentity> {
  const token = /^Bearer (\w+)$/.exec(req.get('authorization') ?? '')?.[1];
  if (token === 'alice') return ALICE;
  if (token === 'bob') return BOB;
  throw new UnauthenticatedError('no test token');
}

export interface TabHarness extends Omit<ApiHarness, 'clientFor' | 'call'> {
  /** Calls the server with optional test token ("alice"/"bob") and JSON body; a body that is not JSON stays text. */
  call(
    method: string,
    urlPath: string,
    options?: CallOptions,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of many shapes, asserted field by field
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

export interface HarnessOptions {
  /** Builds the app; default: only the tab router, with the bearer test identity and a placeholder bundle. */
  app?: (services: AppServices) => Express;
  router?: Partial<TabRouterOptions>;
  env?: NodeJS.ProcessEnv;
}

/** A real sandbox, real SQLite key store and real connection service behind the tab's API on 127.0.0.1:0. */
export async function startTabHarness(options: HarnessOptions = {}): Promise<TabHarness> {
  const {
    clientFor: _clientFor,
    call,
    ...harness
  } = await startApiHarness({
    tempPrefix: 'tab-test-',
    env: options.env,
    app: (services) =>
      options.app?.(services) ??
      express().use(
        '/tab',
        createTabRouter(services, {
          identify: bearerTestIdentity,
          assets: async () => ({ js: 'window.__tabTest = 1;', css: 'body{}' }),
          ...options.router,
        }),
      ),
  });
  return {
    ...harness,
    async call(method, urlPath, callOptions) {
      const { status, body, text, headers } = await call(method, urlPath, callOptions);
      // A non-empty body that did not parse as JSON (page, script) is kept as text.
      return { status, body: text && body === undefined ? text : body, headers };
    },
  };
}
