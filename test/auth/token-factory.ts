import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
export const CLIENT_ID = '00000000-0000-4000-8000-000000000001';
export const APP_ID_URI = `api://inloox-bot.example.com/${CLIENT_ID}`;
export const OBJECT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
/** Teams desktop and mobile, the client that asks Entra for the tab's SSO token. */
export const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/** A locally generated RS256 key pair published as a JWKS, and tokens shaped like Entra's, signed with it. */
export async function createTokenFactory() {
  const signing: KeyPair = await generateKeyPair('RS256', { extractable: true });
  const stranger: KeyPair = await generateKeyPair('RS256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(signing.publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const jwks = { keys: [publicJwk] };
  const keySet = createLocalJWKSet(jwks);

  async function sign(
    claims: JWTPayload = {},
    options: { key?: KeyPair; kid?: string; version?: '1.0' | '2.0'; alg?: string } = {},
  ): Promise<string> {
    const version = options.version ?? '2.0';
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      aud: version === '2.0' ? CLIENT_ID : APP_ID_URI,
      iss:
        version === '2.0' ? `https://login.microsoftonline.com/${TENANT}/v2.0` : `https://sts.windows.net/${TENANT}/`,
      iat: now - 60,
      nbf: now - 60,
      exp: now + 3600,
      tid: TENANT,
      oid: OBJECT_ID,
      scp: 'access_as_user',
      ...(version === '2.0' ? { azp: TEAMS_CLIENT_ID } : { appid: TEAMS_CLIENT_ID }),
      name: 'Anna Schmidt',
      preferred_username: 'anna@contoso.example',
      ver: version,
      ...claims,
    };
    for (const [key, value] of Object.entries(payload)) if (value === undefined) delete payload[key];
    return new SignJWT(payload)
      .setProtectedHeader({ alg: options.alg ?? 'RS256', typ: 'JWT', kid: options.kid ?? 'test-key-1' })
      .sign((options.key ?? signing).privateKey);
  }

  return { jwks, keySet, sign, stranger };
}

/** An unsigned token ("alg": "none"), which must never be accepted. */
export function unsecuredToken(payload: JWTPayload): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}
