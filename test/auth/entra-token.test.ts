import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEntraTokenVerifier, EntraTokenError, type EntraTokenOptions } from '../../shared/auth/entra-token';
import {
  APP_ID_URI,
  CLIENT_ID,
  createTokenFactory,
  OBJECT_ID,
  OTHER_TENANT,
  TENANT,
  unsecuredToken,
} from './token-factory';

let tokens: Awaited<ReturnType<typeof createTokenFactory>>;
let jwksServer: Server;
let jwksBase: string;
const jwksRequests: string[] = [];

beforeAll(async () => {
  tokens = await createTokenFactory();
  jwksServer = createServer((req, res) => {
    jwksRequests.push(req.url ?? '');
    if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(tokens.jwks));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksBase = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => jwksServer.close(resolve));
});

function verifier(options: Partial<EntraTokenOptions> = {}) {
  return createEntraTokenVerifier({
    clientId: CLIENT_ID,
    applicationIdUris: [APP_ID_URI],
    tenantMode: 'multi',
    keys: tokens.keySet,
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<EntraTokenError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EntraTokenError);
  return error as EntraTokenError;
}

describe('valid tokens', () => {
  it('accepts a v2 token (audience = client id) and returns the tenant and object id', async () => {
    const result = await verifier().verify(await tokens.sign());
    expect(result.identity).toEqual({ tenantId: TENANT, objectId: OBJECT_ID });
    expect(result).toMatchObject({ version: '2.0', name: 'Anna Schmidt', username: 'anna@contoso.example' });
    expect(result.scopes).toEqual(['access_as_user']);
  });

  it('accepts a v1 token (audience = api://host/clientId, issuer sts.windows.net)', async () => {
    const result = await verifier().verify(
      await tokens.sign({ upn: 'anna@contoso.example', preferred_username: undefined }, { version: '1.0' }),
    );
    expect(result.identity).toEqual({ tenantId: TENANT, objectId: OBJECT_ID });
    expect(result).toMatchObject({ version: '1.0', username: 'anna@contoso.example' });
  });

  it('lower-cases ids so one person never gets two connections', async () => {
    const result = await verifier().verify(await tokens.sign({ oid: OBJECT_ID.toUpperCase() }));
    expect(result.identity.objectId).toBe(OBJECT_ID);
  });

  it('tolerates a small clock difference but not a large one', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(verifier().verify(await tokens.sign({ exp: now - 60 }))).resolves.toBeTruthy();
    await expect(verifier().verify(await tokens.sign({ nbf: now + 60 }))).resolves.toBeTruthy();
    expect(
      (await rejection(verifier({ clockToleranceSeconds: 10 }).verify(await tokens.sign({ exp: now - 60 })))).code,
    ).toBe('expired');
  });

  it('fetches the signing keys over HTTP', async () => {
    const remote = verifier({ keys: createRemoteJWKSet(new URL(`${jwksBase}/${TENANT}/discovery/v2.0/keys`)) });
    const result = await remote.verify(await tokens.sign());
    expect(result.identity.tenantId).toBe(TENANT);
    expect(jwksRequests).toContain(`/${TENANT}/discovery/v2.0/keys`);
  });

  it('accepts tokens Office clients obtained (v1 appid of Outlook on the web) and the app’s own (nested app auth)', async () => {
    const outlook = await tokens.sign({ appid: 'bc59ab01-8403-45c6-8796-ac3ef710b3e3' }, { version: '1.0' });
    expect((await verifier().verify(outlook)).identity.objectId).toBe(OBJECT_ID);
    const own = await tokens.sign({ azp: CLIENT_ID });
    expect((await verifier().verify(own)).identity.objectId).toBe(OBJECT_ID);
  });
});

describe('signing keys of Entra', () => {
  afterEach(() => vi.unstubAllGlobals());

  function serveKeys(): string[] {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string | URL) => {
      fetched.push(String(url));
      return new Response(JSON.stringify(tokens.jwks), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    });
    return fetched;
  }

  it('a multi-tenant app fetches the common key set once, whatever tenant 50 unverified tokens name', async () => {
    const fetched = serveKeys();
    const multi = createEntraTokenVerifier({
      clientId: CLIENT_ID,
      applicationIdUris: [APP_ID_URI],
      tenantMode: 'multi',
    });
    for (let index = 0; index < 50; index++) {
      const tid = randomUUID();
      const forged = await tokens.sign(
        { tid, iss: `https://login.microsoftonline.com/${tid}/v2.0` },
        { key: tokens.stranger },
      );
      expect((await rejection(multi.verify(forged))).code).toBe('bad_signature');
    }
    expect((await multi.verify(await tokens.sign())).identity.tenantId).toBe(TENANT);
    expect(fetched).toEqual(['https://login.microsoftonline.com/common/discovery/v2.0/keys']);
  });

  it('a single-tenant app fetches its own tenant’s key set', async () => {
    const fetched = serveKeys();
    const single = createEntraTokenVerifier({ clientId: CLIENT_ID, tenantMode: 'single', tenantId: TENANT });
    const foreign = await tokens.sign({
      tid: OTHER_TENANT,
      iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
    });
    expect((await rejection(single.verify(foreign))).code).toBe('tenant_not_allowed');
    expect((await single.verify(await tokens.sign())).identity.tenantId).toBe(TENANT);
    expect(fetched).toEqual([`https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`]);
  });
});

describe('rejected tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: [string, () => Promise<string>, string, Partial<EntraTokenOptions>?][] = [
    [
      'wrong audience (another app)',
      () => tokens.sign({ aud: '99999999-0000-4000-8000-000000000009' }),
      'wrong_audience',
    ],
    ['wrong audience (Microsoft Graph)', () => tokens.sign({ aud: 'https://graph.microsoft.com' }), 'wrong_audience'],
    [
      'issuer of another tenant than its tid',
      () => tokens.sign({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
      'wrong_issuer',
    ],
    ['issuer of a foreign identity provider', () => tokens.sign({ iss: 'https://evil.example/' }), 'wrong_issuer'],
    ['expired', () => tokens.sign({ exp: now() - 3600 }), 'expired'],
    ['not yet valid', () => tokens.sign({ nbf: now() + 3600 }), 'not_yet_valid'],
    [
      'bad signature (signed by another key, same kid)',
      () => tokens.sign({}, { key: tokens.stranger }),
      'bad_signature',
    ],
    ['unknown signing key id', () => tokens.sign({}, { kid: 'other-key' }), 'bad_signature'],
    ['missing oid', () => tokens.sign({ oid: undefined }), 'missing_claims'],
    ['oid that is not a GUID', () => tokens.sign({ oid: 'not-a-guid' }), 'missing_claims'],
    ['missing tid', () => tokens.sign({ tid: undefined }), 'missing_claims'],
    ['missing exp', () => tokens.sign({ exp: undefined }), 'missing_claims'],
    [
      'alg none',
      async () =>
        unsecuredToken({
          aud: CLIENT_ID,
          iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
          tid: TENANT,
          oid: OBJECT_ID,
          exp: now() + 3600,
        }),
      'unsupported_algorithm',
    ],
    [
      'HS256 signed with the public key (algorithm confusion)',
      async () =>
        new SignJWT({
          aud: CLIENT_ID,
          iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
          tid: TENANT,
          oid: OBJECT_ID,
          exp: now() + 3600,
        })
          .setProtectedHeader({ alg: 'HS256', kid: 'test-key-1' })
          .sign(new TextEncoder().encode(JSON.stringify(tokens.jwks.keys[0]))),
      'unsupported_algorithm',
    ],
    ['garbage', async () => 'not.a.token', 'malformed'],
    ['two parts only', async () => 'abc.def', 'malformed'],
    ['empty', async () => '   ', 'missing_token'],
    [
      'foreign tenant for a single-tenant app',
      () => tokens.sign({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
      'tenant_not_allowed',
      { tenantMode: 'single', tenantId: TENANT },
    ],
    ['tenant outside the allow-list', () => tokens.sign(), 'tenant_not_allowed', { allowedTenants: [OTHER_TENANT] }],
    ['without the product’s scope (a Graph token)', () => tokens.sign({ scp: 'User.Read Mail.Read' }), 'wrong_scope'],
    [
      'app-only (client credentials: roles, no scp)',
      () => tokens.sign({ scp: undefined, roles: ['access_as_application'], azp: CLIENT_ID }),
      'wrong_scope',
    ],
    [
      'obtained by another client application (azp)',
      () => tokens.sign({ azp: '99999999-0000-4000-8000-000000000009' }),
      'wrong_client',
    ],
    ['without azp', () => tokens.sign({ azp: undefined }), 'wrong_client'],
    [
      'v1 token of another client application (appid)',
      () => tokens.sign({ appid: '99999999-0000-4000-8000-000000000009' }, { version: '1.0' }),
      'wrong_client',
    ],
  ];

  it.each(cases)('%s', async (_name, makeToken, code, options) => {
    const token = await makeToken();
    const error = await rejection(verifier(options).verify(token));
    expect(error.code).toBe(code);
    expect(error.status).toBe(401);
    expect(error.message).not.toContain(token.trim() || 'never');
    if (token.includes('.'))
      for (const part of token.split('.').filter((p) => p.length > 8)) expect(error.message).not.toContain(part);
  });

  it('the single-tenant app accepts its own tenant', async () => {
    const result = await verifier({ tenantMode: 'single', tenantId: TENANT.toUpperCase() }).verify(await tokens.sign());
    expect(result.identity.tenantId).toBe(TENANT);
  });

  it('reports an unreachable key set as keys_unavailable (503), not as a bad token', async () => {
    const remote = verifier({
      keys: createRemoteJWKSet(new URL('http://127.0.0.1:1/keys'), { timeoutDuration: 2000 }),
    });
    const error = await rejection(remote.verify(await tokens.sign()));
    expect(error).toMatchObject({ code: 'keys_unavailable', status: 503 });
  });

  it('refuses a configuration without a GUID client id or a single tenant without its tenant id', () => {
    expect(() => createEntraTokenVerifier({ clientId: 'inloox', tenantMode: 'multi' })).toThrow(/GUID/);
    expect(() => createEntraTokenVerifier({ clientId: CLIENT_ID, tenantMode: 'single' })).toThrow(/tenant/);
  });
});
