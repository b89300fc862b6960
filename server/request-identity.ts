import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DEV_IDENTITY } from '../shared/auth/dev-identity';
import {
  createEntraTokenVerifier,
  EntraTokenError,
  type EntraTokenOptions,
  type EntraTokenVerifier,
} from '../shared/auth/entra-token';
import type { AppConfig } from '../shared/config';
import type { UserIdentity } from '../shared/identity';
import { AppError } from '../shared/errors/app-error';
import { sendApiError, UnauthenticatedError } from './api-errors';

/**
 * Who is calling the add-in's and the tab's JSON APIs.
 * - production: `Authorization: Bearer <Entra SSO token>` for our SSO app, validated (shared/auth/entra-token.ts).
 * - local mode: the development identity (shared/auth/dev-identity.ts), only for requests that reach us directly
 *   on a loopback address with a loopback Host; a bearer token, when one is sent and SSO is configured, wins.
 * Failures become 401 with a localized message and nothing else (see api-errors.ts).
 */

export type IdentifyRequest = (req: Request) => Promise<UserIdentity>;

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.replace(/^::ffff:/i, '');
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4)) return true;
  return address === '::1' || /^0{0,4}(:0{0,4}){0,6}:0{0,3}1$/.test(address);
}

const LOOPBACK_HOST = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::\d{1,5})?$/i;
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'x-original-host'];

/**
 * A request straight from this machine: loopback peer (the socket, not a header), a loopback Host (so a web page
 * using DNS rebinding can't borrow the development identity) and no proxy headers (a dev tunnel or reverse
 * proxy on this machine forwards other people's requests from a loopback address).
 */
export function isDirectLoopbackRequest(req: Request): boolean {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return false;
  if (!LOOPBACK_HOST.test(req.get('host') ?? '')) return false;
  return !FORWARDING_HEADERS.some((name) => req.get(name) !== undefined);
}

function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthenticatedError('malformed_authorization');
  return match[1];
}

async function verified(verifier: EntraTokenVerifier, token: string): Promise<UserIdentity> {
  try {
    return (await verifier.verify(token)).identity;
  } catch (error) {
    // A key-set outage is not the caller's fault (503, "try again"); everything else is the token's (401).
    if (error instanceof EntraTokenError && error.status === 401) throw new UnauthenticatedError(error.code);
    throw error;
  }
}

/** The identify function the add-in and tab routers take. Rejects with UnauthenticatedError. */
export function createRequestIdentifier(config: AppConfig, verifier?: EntraTokenVerifier): IdentifyRequest {
  if (config.mode === 'production' && !verifier) {
    throw new Error('Production needs SSO token validation: pass the verifier from createSsoVerifier(config).');
  }
  return async (req) => {
    const token = bearerToken(req);
    if (token && verifier) return verified(verifier, token);
    if (config.mode === 'production') throw new UnauthenticatedError('missing_token');
    if (!isDirectLoopbackRequest(req)) throw new UnauthenticatedError('development_identity_not_loopback');
    return { ...DEV_IDENTITY };
  };
}

/**
 * Express middleware: puts the caller's identity into res.locals.identity (read it with requestIdentity(res)),
 * or answers 401 `{ error: { code: 'unauthenticated', message } }` in the caller's language.
 */
export function resolveRequestIdentity(config: AppConfig, verifier?: EntraTokenVerifier): RequestHandler {
  const identify = createRequestIdentifier(config, verifier);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.identity = await identify(req);
    } catch (error) {
      sendApiError(req, res, error);
      return;
    }
    next();
  };
}

export function requestIdentity(res: Response): UserIdentity {
  const identity = res.locals.identity as UserIdentity | undefined;
  if (!identity) throw new UnauthenticatedError('identity_not_resolved');
  return identity;
}

/**
 * The SSO token verifier for this configuration, or undefined when no SSO app is configured (local mode).
 * SSO app = SSO_APP_ID, else MicrosoftAppId; audiences: its id and api://<PUBLIC_BASE_URL host>/<id> (what the
 * manifests declare), plus SSO_APP_ID_URI when set. Tenants follow MicrosoftAppType/MicrosoftAppTenantId.
 */
export function createSsoVerifier(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<EntraTokenOptions> = {},
): EntraTokenVerifier | undefined {
  const clientId = env.SSO_APP_ID?.trim() || config.microsoftAppId;
  if (!clientId) return undefined;
  const host = new URL(config.publicBaseUrl).host;
  const extraUri = env.SSO_APP_ID_URI?.trim();
  return createEntraTokenVerifier({
    clientId,
    applicationIdUris: [`api://${host}/${clientId}`, ...(extraUri ? [extraUri] : [])],
    tenantMode: config.microsoftAppType === 'SingleTenant' ? 'single' : 'multi',
    tenantId: config.microsoftAppTenantId,
    ...overrides,
  });
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameOrigin(req: Request): boolean {
  const origin = req.get('origin');
  if (origin === undefined) return req.get('sec-fetch-site') !== 'cross-site';
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

/**
 * CSRF guard for the JSON APIs. A web page can only send "simple" cross-site requests without asking first
 * (forms: urlencoded, multipart, text/plain). Requiring application/json on POST/PUT/PATCH (and on DELETE
 * with a body) forces a CORS preflight, which this server never grants; writes from another origin are refused
 * outright. This matters most in local mode, where the development identity is ambient like a cookie.
 */
export function requireJsonWrites(): RequestHandler {
  return (req, res, next) => {
    if (!WRITE_METHODS.has(req.method)) return next();
    if (!sameOrigin(req)) return sendApiError(req, res, new AppError('cross_site_request'));
    const hasBody = req.get('content-length') !== undefined && req.get('content-length') !== '0';
    const needsJson = req.method !== 'DELETE' || hasBody || req.get('transfer-encoding') !== undefined;
    if (needsJson && !/^application\/json\s*(?:;|$)/i.test(req.get('content-type') ?? '')) {
      return sendApiError(req, res, new AppError('unsupported_media_type'));
    }
    next();
  };
}
