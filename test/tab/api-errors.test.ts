import { describe, expect, it } from 'vitest';
import { RequestValidationError, RouteNotFoundError, toApiError, UnauthenticatedError } from '../../server/api-errors';
import { EntraTokenError } from '../../shared/auth/entra-token';
import { NotConnectedError } from '../../shared/connections';
import { InLooxError } from '../../shared/inloox/errors';

describe('toApiError (shared by the tab and the add-in server APIs)', () => {
  it.each([
    [new InLooxError('auth', { status: 401 }), 409, 'needs_reconnect'],
    [new InLooxError('forbidden', { status: 403 }), 403, 'forbidden'],
    [new InLooxError('not_found', { status: 404 }), 404, 'not_found'],
    [new InLooxError('conflict', { status: 409 }), 409, 'conflict'],
    [new InLooxError('validation', { status: 400, field: 'EndDateTime' }), 400, 'validation'],
    [new InLooxError('unavailable', { status: 503 }), 502, 'inloox_unavailable'],
    [new NotConnectedError('not_connected'), 409, 'not_connected'],
    [new NotConnectedError('needs_reconnect'), 409, 'needs_reconnect'],
    [new UnauthenticatedError(), 401, 'unauthenticated'],
    [new EntraTokenError('expired'), 401, 'unauthenticated'],
    [new EntraTokenError('keys_unavailable'), 503, 'sign_in_unavailable'],
    [new RouteNotFoundError(), 404, 'route_not_found'],
  ])('%s → %i %s, with an English and a German message', (error, status, code) => {
    const en = toApiError(error, 'en');
    const de = toApiError(error, 'de');
    expect(en.status).toBe(status);
    expect(en.body.error.code).toBe(code);
    expect(de.body.error.code).toBe(code);
    expect(en.body.error.message).not.toBe(de.body.error.message);
    expect(en.body.error.message.length).toBeGreaterThan(10);
  });

  it('throttling tells when to retry, in the body and the Retry-After header', () => {
    const mapped = toApiError(new InLooxError('throttled', { status: 429, retryAfterSeconds: 17 }), 'de');
    expect(mapped.status).toBe(429);
    expect(mapped.headers['Retry-After']).toBe('17');
    expect(mapped.body.error).toMatchObject({ code: 'throttled', retryAfterSeconds: 17 });
    expect(mapped.body.error.message).toContain('17 s');
  });

  it('keeps the field of validation errors', () => {
    const inloox = toApiError(new InLooxError('validation', { field: 'EndDateTime' }), 'en');
    expect(inloox.body.error.field).toBe('EndDateTime');
    const request = toApiError(new RequestValidationError('api_key_malformed', 'apiKey', 'invalid_key'), 'de');
    expect(request).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'invalid_key',
          message: 'InLoox hat dieses Zugriffstoken nicht akzeptiert. Bitte prüfen Sie es und fügen Sie es erneut ein.',
          field: 'apiKey',
        },
      },
    });
  });

  it('never shows the text of unexpected errors (it may hold internals or secrets)', () => {
    const mapped = toApiError(new Error('connect ECONNREFUSED postgres://user:secret@db'), 'en');
    expect(mapped.status).toBe(500);
    expect(mapped.body.error.code).toBe('internal');
    expect(JSON.stringify(mapped.body)).not.toContain('secret');
  });
});
