import {
  createRemoteJWKSet,
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
  | 'wrong_scope'
  | 'wrong_client'
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
  /** Delegated scope the token must carry in `scp` (default access_as_user); app-only tokens have none. */
  requiredScope?: string;
  /** Clients (azp in v2, appid in v1) whose tokens are accepted; default TRUSTED_CLIENT_IDS plus clientId. */
  allowedClientIds?: string[];
  /** Allowed clock difference for exp/nbf/iat (default 120 s). */
  clockToleranceSeconds?: number;
  /**
   * Signing keys; default: Entra's key set at login.microsoftonline.com (the tenant's for a single-tenant app,
   * the common one otherwise), cached by jose. Tests inject a local set.
   */
  keys?: JWTVerifyGetKey;
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

/**
 * Microsoft's first-party clients that obtain SSO tokens for a Teams tab or an Office add-in, as listed in
 * Microsoft's guides for pre-authorizing them ("Configure your tab app in Microsoft Entra ID", section "authorized
 * client applications"; "Register an Office Add-in that uses SSO", section "Authorize the Office clients").
 * The same ids are the ones the deploy guide (docs/deploy.md, "Single sign-on") asks to authorize.
 */
export const TRUSTED_CLIENT_IDS: Readonly<Record<string, string>> = {
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264': 'Teams desktop and mobile',
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346': 'Teams on the web',
  '4765445b-32c6-49b0-83e6-1d93765276ca': 'Microsoft 365 on the web',
  '0ec893e0-5785-4de6-99da-4ed124e5296c': 'Microsoft 365 desktop',
  '4345a7b9-9a63-4910-a426-35363201d503': 'Microsoft 365 app',
  'd3590ed6-52b3-4102-aeff-aad2292ab01c': 'Microsoft Office / Outlook desktop, Microsoft 365 mobile',
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3': 'Outlook on the web',
  '27922004-5251-4030-b22d-91ecd9a37ea4': 'Outlook mobile',
  'ea5a67f6-b6f3-4338-b240-c655ddc3cc8e': 'Microsoft Office (all Office application endpoints)',
  '93d53678-613d-4013-afc1-62e9e444a0a5': 'Office on the web',
  '57fb890c-0dab-4253-a5e0-7188c88b2bb4': 'Office on the web (older)',
  '08e18876-6177-487e-b8b5-cf950c1e598c': 'Office on the web (older)',
};

export function entraIssuers(tenantId: string): string[] {
  return [`https://sts.windows.net/${tenantId}/`, `https://login.microsoftonline.com/${tenantId}/v2.0`];
}

/** Entra's signing keys for one tenant, or for every tenant with "common" (the same keys, one fetch). */
export function entraJwksUrl(tenantId: string): URL {
  return new URL(`https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/discovery/v2.0/keys`);
}

function validateOptions(options: EntraTokenOptions): void {
  if (!GUID.test(options.clientId)) throw new Error('SSO client id must be a GUID');
  if (options.tenantMode === 'single' && !(options.tenantId && GUID.test(options.tenantId))) {
    throw new Error('A single-tenant SSO app needs its tenant id (a GUID)');
  }
}

function unverifiedAlgorithm(token: string): unknown {
  try {
    return decodeProtectedHeader(token).alg;
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
  // One key set, whatever tenant an unverified token names: a token can't make us fetch anything new.
  const keys =
    options.keys ??
    createRemoteJWKSet(entraJwksUrl(options.tenantMode === 'single' ? options.tenantId! : 'common'), {
      timeoutDuration: 5000,
      cooldownDuration: 30_000,
    });
  const audiences = [options.clientId, ...(options.applicationIdUris ?? [])];
  const allowedTenants = options.allowedTenants?.map((t) => t.toLowerCase());
  const requiredScope = options.requiredScope ?? 'access_as_user';
  const allowedClients = new Set(
    [...(options.allowedClientIds ?? Object.keys(TRUSTED_CLIENT_IDS)), options.clientId].map((id) => id.toLowerCase()),
  );

  return {
    async verify(token) {
      if (typeof token !== 'string' || !token.trim()) throw new EntraTokenError('missing_token');
      token = token.trim();
      if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) throw new EntraTokenError('malformed');
      if (unverifiedAlgorithm(token) !== 'RS256') throw new EntraTokenError('unsupported_algorithm');

      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['RS256'],
          audience: audiences,
          clockTolerance: options.clockToleranceSeconds ?? 120,
          requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
          currentDate: options.now?.(),
        }));
      } catch (error) {
        throw mapJoseError(error);
      }

      // Only signed claims from here on.
      const tid = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : '';
      if (!GUID.test(tid)) throw new EntraTokenError('missing_claims', 'tid');
      // The issuer must name the token's own tenant (v1 or v2 endpoint), so a token of tenant A can't claim B.
      if (typeof payload.iss !== 'string' || !entraIssuers(tid).includes(payload.iss)) {
        throw new EntraTokenError('wrong_issuer');
      }
      if (options.tenantMode === 'single' && tid !== options.tenantId?.toLowerCase()) {
        throw new EntraTokenError('tenant_not_allowed');
      }
      if (allowedTenants && !allowedTenants.includes(tid)) throw new EntraTokenError('tenant_not_allowed');
      const identity = { tenantId: tid, objectId: String(payload.oid).toLowerCase() };
      if (!isValidIdentity(identity)) throw new EntraTokenError('missing_claims', 'oid');
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
      if (!scopes.includes(requiredScope)) throw new EntraTokenError('wrong_scope');
      const client = payload.ver === '1.0' ? payload.appid : payload.azp;
      if (typeof client !== 'string' || !allowedClients.has(client.toLowerCase())) {
        throw new EntraTokenError('wrong_client');
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
