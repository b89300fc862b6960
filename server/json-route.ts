/** The wrapper every JSON API route of the add-in and the tab goes through. */
import type { Request, RequestHandler } from 'express';
import type { UserIdentity } from '../shared/identity';
import { sendApiError } from './api-errors';
import type { IdentifyRequest } from './request-identity';

/** Establishes the caller first, answers the handler's result as uncached JSON and every failure as a typed error body. */
export function jsonRoute(
  identify: IdentifyRequest,
  handler: (identity: UserIdentity, req: Request) => Promise<unknown>,
): RequestHandler {
  return async (req, res) => {
    try {
      const identity = await identify(req);
      const result = await handler(identity, req);
      res.set('Cache-Control', 'no-store').json(result);
    } catch (error) {
      sendApiError(req, res, error);
    }
  };
}
