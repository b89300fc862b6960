import type { Response } from 'express';

/** An error the sandbox answers with an OData error body: {"error":{"code":..,"message":..}}. */
export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ODataError';
  }
}

export const badRequest = (message: string, code = 'BadRequest') => new ODataError(400, code, message);
export const notFound = (message: string) => new ODataError(404, 'NotFound', message);

export function sendODataError(res: Response, error: ODataError, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.status(error.status).set(headers).set('OData-Version', '4.0');
  res.json({ error: { code: error.code, message: error.message } });
}
