import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { isValidIdentity, type UserIdentity } from '../identity';
import { GUID_PATTERN as GUID } from '../domain/guid';

/**
 * Validates Microsoft Entra access tokens that our own clients obtain by single sign-on: the Teams tab
 * (authentication.getAuthToken) and the Outlook add-in (Office.auth.getAccessToken / nested app auth).
 * The token's audience is our SSO app; signature, issuer, audience, lifetime and the person's tid/oid are checked.
 * Tokens are never logged and never part of an error message.
 */

export type EntraTokenErrorCode =
  | 'missing_token'
  | 'malformed'
  | 'unsupported_algorithm'
  | 'bad_signature'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'tenant_not_allowed'
  | 'expired'
  | 'not_yet_valid'
  | 'missing_claims'
  | 'keys_unavailable';

export class EntraTokenError extends Error {
  readonly code: EntraTokenErrorCode;
  /** 401 for anything wrong with the token; 503 when the signing keys could not be fetched. */
  readonly status: 401 | 503;
  constructor(code: EntraTokenErrorCode, detail?: string) {
    super(detail ? `Access token rejected: ${code} (${detail})` : `Access token rejected: ${code}`);
    this.name = 'EntraTokenError';
    this.code = code;
    this.status = code === 'keys_unavailable' ? 503 : 401;
  }
}

export interface EntraTokenOptions {
  /** Application (client) id of the SSO app registration (SSO_APP_ID). v2 tokens carry it as the audience. */
  clientId: string;
  /** Application ID URIs (e.g. api://host/{clientId}); v1 tokens carry one of these as the audience. */
  applicationIdUris?: string[];
  /** 'single': only tokens of `tenantId`. 'multi': any tenant (optionally only `allowedTenants`). */
  tenantMode: 'single' | 'multi';
  tenantId?: string;
  allowedTenants?: string[];
  /** Scope the token must carry in `scp` (e.g. access_as_user); unchecked when not set. */
  requiredScope?: string;
  /** Allowed clock difference for exp/nbf/iat (default 120 s). */
  clockToleranceSeconds?: number;
  /** Signing keys of a tenant; default: the tenant's JWKS at login.microsoftonline.com, cached. Tests inject a local set. */
  keysForTenant?: (tenantId: string) => JWTVerifyGetKey;
  /** The time to validate against (tests). */
  now?: () => Date;
}

export interface VerifiedEntraToken {
  identity: UserIdentity;
  name?: string;
  /** preferred_username (v2) or upn/unique_name (v1). */
  username?: string;
  scopes: string[];
  version: '1.0' | '2.0';
  expiresAt: Date;
}

export interface EntraTokenVerifier {
  verify(token: string | undefined | null): Promise<VerifiedEntraToken>;
}

const MAX_TOKEN_LENGTH = 16 * 1024;
const MAX_CACHED_TENANTS = 500;

export function entraIssuers(tenantId: string): string[] {
  return [`https://sts.windows.net/${tenantId}/`, `https://login.microsoftonline.com/${tenantId}/v2.0`];
}

export function entraJwksUrl(tenantId: string): URL {
  return new URL(`https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/discovery/v2.0/keys`);
}

/** One remote key set per tenant (jose caches the keys and refetches on an unknown kid), oldest dropped first. */
function remoteKeysPerTenant(): (tenantId: string) => JWTVerifyGetKey {
  const sets = new Map<string, JWTVerifyGetKey>();
  return (tenantId) => {
    let set = sets.get(tenantId);
    if (!set) {
      set = createRemoteJWKSet(entraJwksUrl(tenantId), { timeoutDuration: 5000, cooldownDuration: 30_000 });
      if (sets.size >= MAX_CACHED_TENANTS) sets.delete(sets.keys().next().value as string);
      sets.set(tenantId, set);
    }
    return set;
  };
}

function validateOptions(options: EntraTokenOptions): void {
  if (!GUID.test(options.clientId)) throw new Error('SSO client id must be a GUID');
  if (options.tenantMode === 'single' && !(options.tenantId && GUID.test(options.tenantId))) {
    throw new Error('A single-tenant SSO app needs its tenant id (a GUID)');
  }
}

function unverifiedParts(token: string): { alg: unknown; payload: JWTPayload } {
  try {
    return { alg: decodeProtectedHeader(token).alg, payload: decodeJwt(token) };
  } catch {
    throw new EntraTokenError('malformed');
  }
}

function mapJoseError(error: unknown): EntraTokenError {
  if (error instanceof EntraTokenError) return error;
  if (error instanceof joseErrors.JWTExpired) return new EntraTokenError('expired');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new EntraTokenError('wrong_audience');
    if (error.claim === 'iss') return new EntraTokenError('wrong_issuer');
    if (error.claim === 'nbf' || error.claim === 'iat') return new EntraTokenError('not_yet_valid');
    if (error.reason === 'missing') return new EntraTokenError('missing_claims', error.claim);
    return new EntraTokenError('malformed', error.claim);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return new EntraTokenError('unsupported_algorithm');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return new EntraTokenError('bad_signature');
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
    return new EntraTokenError('bad_signature', 'unknown signing key');
  }
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
    return new EntraTokenError('keys_unavailable');
  }
  if (error instanceof joseErrors.JOSEError) return new EntraTokenError('malformed', error.code);
  // Network failures while fetching the key set (fetch rejects with TypeError and friends).
  return new EntraTokenError('keys_unavailable');
}

export function createEntraTokenVerifier(options: EntraTokenOptions): EntraTokenVerifier {
  validateOptions(options);
  const keysForTenant = options.keysForTenant ?? remoteKeysPerTenant();
  const audiences = [options.clientId, ...(options.applicationIdUris ?? [])];
  const allowedTenants = options.allowedTenants?.map((t) => t.toLowerCase());

  return {
    async verify(token) {
      if (typeof token !== 'string' || !token.trim()) throw new EntraTokenError('missing_token');
      token = token.trim();
      if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) throw new EntraTokenError('malformed');
      const { alg, payload: unverified } = unverifiedParts(token);
      if (alg !== 'RS256') throw new EntraTokenError('unsupported_algorithm');
      const tid = typeof unverified.tid === 'string' ? unverified.tid.toLowerCase() : undefined;
      if (!tid || !GUID.test(tid)) throw new EntraTokenError('missing_claims', 'tid');
      if (options.tenantMode === 'single' && tid !== options.tenantId?.toLowerCase()) {
        throw new EntraTokenError('tenant_not_allowed');
      }
      if (allowedTenants && !allowedTenants.includes(tid)) throw new EntraTokenError('tenant_not_allowed');

      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keysForTenant(tid), {
          algorithms: ['RS256'],
          audience: audiences,
          // The issuer must name the token's own tenant (v1 or v2 endpoint), so a token of tenant A can't claim B.
          issuer: entraIssuers(tid),
          clockTolerance: options.clockToleranceSeconds ?? 120,
          requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
          currentDate: options.now?.(),
        }));
      } catch (error) {
        throw mapJoseError(error);
      }

      const identity = { tenantId: String(payload.tid).toLowerCase(), objectId: String(payload.oid).toLowerCase() };
      if (!isValidIdentity(identity)) throw new EntraTokenError('missing_claims', 'oid');
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
      if (options.requiredScope && !scopes.includes(options.requiredScope)) {
        throw new EntraTokenError('missing_claims', 'scp');
      }
      const username = [payload.preferred_username, payload.upn, payload.unique_name].find(
        (v): v is string => typeof v === 'string',
      );
      return {
        identity,
        name: typeof payload.name === 'string' ? payload.name : undefined,
        username,
        scopes,
        version: payload.ver === '1.0' ? '1.0' : '2.0',
        expiresAt: new Date((payload.exp ?? 0) * 1000),
      };
    },
  };
}
