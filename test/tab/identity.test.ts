import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestIdentifier, type IdentifyRequest } from '../../server/request-identity';
import { DEV_IDENTITY } from '../../shared/auth/dev-identity';
import { createEntraTokenVerifier } from '../../shared/auth/entra-token';
import { startTabHarness, type TabHarness } from './harness';

const APP_ID = '00000000-0000-4000-8000-0000000000b0';
const TENANT = '22222222-2222-4222-8222-222222222222';
const OTHER_TENANT = '33333333-3333-4333-8333-333333333333';
const CAROL = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const DAVE = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

type Signer = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

describe('tab API with Teams SSO tokens (production identity)', () => {
  let h: TabHarness;
  let signingKey: Signer;
  let strangerKey: Signer;
  let identify: IdentifyRequest | undefined;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    strangerKey = stranger.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'tenant-key', alg: 'RS256', use: 'sig' };
    const keys = createLocalJWKSet({ keys: [jwk] });
    // The real request identifier, verifying against the tenant's key set (local here, remote in production).
    h = await startTabHarness({
      env: { MicrosoftAppId: APP_ID, KEY_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') },
      router: {
        identify: (req) => {
          identify ??= createRequestIdentifier(
            h.config,
            createEntraTokenVerifier({
              clientId: APP_ID,
              applicationIdUris: [`api://localhost:3978/${APP_ID}`],
              tenantMode: 'multi',
              keys,
            }),
          );
          return identify(req);
        },
      },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function token(
    claims: Record<string, unknown> = {},
    options: { key?: Signer; expiresIn?: string; audience?: string; issuer?: string } = {},
  ): Promise<string> {
    const tid = (claims.tid as string) ?? TENANT;
    // azp (v2) / appid (v1): Teams on the web, the client that obtains the tab's token.
    const client = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
    return new SignJWT({ tid, oid: CAROL, scp: 'access_as_user', ver: '2.0', azp: client, appid: client, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'tenant-key' })
      .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`)
      .setAudience(options.audience ?? APP_ID)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(options.key ?? signingKey);
  }

  it('maps tenant + object id of a valid token to that person’s stored connection', async () => {
    const apiKey = h.sandbox.accounts[0]!.apiKey;
    await h.services.connections.connect({ tenantId: TENANT, objectId: CAROL }, apiKey);
    const carol = await h.call('GET', '/tab/api/tasks', { token: await token() });
    expect(carol.status).toBe(200);
    expect(carol.body.tasks.length).toBeGreaterThan(0);
    // The Application ID URI is an accepted audience too (v1 tokens).
    const v1 = await h.call('GET', '/tab/api/connection', {
      token: await token(
        { ver: '1.0' },
        { audience: `api://localhost:3978/${APP_ID}`, issuer: `https://sts.windows.net/${TENANT}/` },
      ),
    });
    expect(v1.body.connected).toBe(true);
    // Someone else in the same tenant has no connection.
    const dave = await h.call('GET', '/tab/api/connection', { token: await token({ oid: DAVE }) });
    expect(dave.status).toBe(200);
    expect(dave.body.connected).toBe(false);
  });

  it.each([
    ['expired', () => token({}, { expiresIn: '-10 minutes' })],
    ['for another app', () => token({}, { audience: '99999999-9999-4999-8999-999999999999' })],
    ['signed with a key that is not the tenant’s', () => token({}, { key: strangerKey })],
    ['issued by another tenant', () => token({}, { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })],
    ['without an object id', () => token({ oid: undefined })],
    ['not a token at all', async () => 'not.a.token'],
  ])('a token %s is 401 and reaches neither InLoox nor the store', async (_name, make) => {
    h.sandbox.requestLog.clear();
    const response = await fetch(`${h.baseUrl}/tab/api/tasks`, {
      headers: { Authorization: `Bearer ${await make()}` },
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect(h.sandbox.requestLog.entries()).toHaveLength(0);
  });

  it('in production the development identity is never used, not even from loopback', async () => {
    await h.services.connections.connect(DEV_IDENTITY, h.sandbox.accounts[0]!.apiKey);
    const response = await h.call('GET', '/tab/api/connection');
    expect(response.status).toBe(401);
    await h.services.connections.disconnect(DEV_IDENTITY);
  });
});

describe('tab API in local mode (development identity)', () => {
  let h: TabHarness;
  beforeAll(async () => {
    h = await startTabHarness({ router: { identify: undefined } }); // the router's default identity
    await h.services.connections.connect(DEV_IDENTITY, h.sandbox.accounts[1]!.apiKey);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers direct loopback requests as the development identity', async () => {
    const response = await h.call('GET', '/tab/api/connection');
    expect(response.status).toBe(200);
    expect(response.body.user.displayName).toBe(h.sandbox.accounts[1]!.displayName);
  });

  it('refuses the development identity for requests that came through a proxy', async () => {
    const response = await fetch(`${h.baseUrl}/tab/api/connection`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(response.status).toBe(401);
  });
});
