/**
 * Checks on POST /api/messages that run before botbuilder sees a request.
 * - Local mode (no bot authentication): only direct requests from this machine, replying only to this machine.
 * - Production: only tokens that claim to come from the Bot Framework channel service for this bot go on to
 *   botbuilder's signature check. botbuilder's emulator path grows a process-wide issuer list for every new tenant
 *   id of an unverified token and logs a stack trace per failure; the product has no emulator or skill callers.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { sendApiError } from '../server/api-errors';
import { isDirectLoopbackRequest } from '../server/request-identity';
import { AppError } from '../shared/errors/app-error';
import type { BotLogger } from './errors';

/** Issuer of the tokens the Bot Framework channel service (Teams, Microsoft 365) sends to bots (public cloud). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

const LOOPBACK_HOSTNAME = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

/** A serviceUrl on this machine (the Agents Playground's or a test connector's). */
export function isLoopbackServiceUrl(serviceUrl: string): boolean {
  try {
    const url = new URL(serviceUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTNAME.test(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Local mode has no bot authentication: the same direct-loopback rule as the add-in and tab APIs (loopback peer,
 * loopback Host, no proxy headers), so neither DNS rebinding nor a tunnel reaches the developer's InLoox data.
 */
export function localModeGuard(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isDirectLoopbackRequest(req)) {
      res.status(401).json({
        error:
          'The bot runs in local mode (no MicrosoftAppId) and accepts requests made directly on this machine only.',
      });
      return;
    }
    next();
  };
}

export type BotTokenRejection = 'missing_token' | 'malformed_token' | 'wrong_issuer' | 'wrong_audience';

/** Why an Authorization header can't carry a Bot Framework channel token for `appId`, judged without the signature. */
export function botTokenRejection(authorization: string | undefined, appId: string): BotTokenRejection | undefined {
  if (!authorization) return 'missing_token';
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
  if (!match || match[1]!.length > 16 * 1024) return 'malformed_token';
  let claims: ReturnType<typeof decodeJwt>;
  try {
    if (decodeProtectedHeader(match[1]!).alg !== 'RS256') return 'malformed_token';
    claims = decodeJwt(match[1]!);
  } catch {
    return 'malformed_token';
  }
  if (claims.iss !== BOT_FRAMEWORK_ISSUER) return 'wrong_issuer';
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(appId)) return 'wrong_audience';
  return undefined;
}

/** Production: refuse (401, one log line without the token) what botbuilder would only refuse after costly work. */
export function botFrameworkTokenGate(appId: string, log: BotLogger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const reason = botTokenRejection(req.get('authorization'), appId);
    if (reason) {
      log('bot_request_rejected', { reason });
      sendApiError(req, res, new AppError('unauthenticated', { detail: reason }));
      return;
    }
    next();
  };
}
