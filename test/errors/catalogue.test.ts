/** The one error model: codes with status and retryability, one catalogue in English and German, one classifier. */
import { describe, expect, it } from 'vitest';
import { EntraTokenError } from '../../shared/auth/entra-token';
import { NotConnectedError } from '../../shared/connections';
import { VALIDATION_CODES } from '../../shared/domain/codes';
import { AppError } from '../../shared/errors/app-error';
import { toAppError } from '../../shared/errors/classify';
import { errorMessage, invalidReasonText, type Host, type InvalidReason } from '../../shared/errors/messages';
import { ERROR_CODES, isApiErrorBody, type ErrorCode } from '../../shared/errors/wire';
import { InLooxError } from '../../shared/inloox/errors';
import { KeyStoreCryptoError } from '../../shared/keystore/crypto';
import { HtmlLimitError } from '../../shared/sanitize/limits';

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];
const HOSTS: Host[] = ['outlook', 'teams', 'tab'];
const REASONS: InvalidReason[] = [
  ...VALIDATION_CODES,
  'unreadable_request',
  'email_unreadable',
  'email_too_large',
  'custom_field_invalid',
];

describe('the message catalogue', () => {
  it.each(CODES)('%s has an English and a German message for every host', (code) => {
    for (const host of HOSTS) {
      const en = errorMessage({ code }, 'en', host);
      const de = errorMessage({ code }, 'de', host);
      expect(en.length, `${code} ${host}`).toBeGreaterThan(15);
      expect(de.length, `${code} ${host}`).toBeGreaterThan(15);
      expect(de, `${code} ${host}`).not.toBe(en);
    }
  });

  it.each(REASONS)('refused input "%s" has its words in both languages', (reason) => {
    const text = invalidReasonText(reason);
    expect(text.en.length).toBeGreaterThan(10);
    expect(text.de.length).toBeGreaterThan(10);
    expect(text.de).not.toBe(text.en);
  });

  it('no message sends a person to a host they are not in', () => {
    for (const code of CODES) {
      for (const locale of ['en', 'de'] as const) {
        expect(errorMessage({ code }, locale, 'outlook'), code).not.toContain('Teams');
        expect(errorMessage({ code }, locale, 'teams'), code).not.toContain('Outlook');
        expect(errorMessage({ code }, locale, 'tab'), code).not.toContain('Outlook');
      }
    }
  });

  it('an unverified sign-in names the host: Outlook, the Teams chat, the tab', () => {
    expect(errorMessage({ code: 'unauthenticated' }, 'en', 'outlook')).toContain('add-in in Outlook');
    expect(errorMessage({ code: 'unauthenticated' }, 'de', 'outlook')).toContain('Add-in in Outlook');
    expect(errorMessage({ code: 'unauthenticated' }, 'en', 'teams')).toContain('chat with InLoox in Teams');
    expect(errorMessage({ code: 'unauthenticated' }, 'de', 'teams')).toContain('Chat mit InLoox in Teams');
    expect(errorMessage({ code: 'unauthenticated' }, 'en', 'tab')).toContain('InLoox tab in Teams');
    expect(errorMessage({ code: 'unauthenticated' }, 'de', 'tab')).toContain('InLoox-Tab in Teams');
  });

  it('fills in what a message promises: the wait, the field, the limit', () => {
    expect(errorMessage({ code: 'throttled', retryAfterSeconds: 17 }, 'de', 'teams')).toContain('17 s');
    expect(errorMessage({ code: 'validation', field: 'EndDateTime' }, 'en', 'tab')).toContain('EndDateTime');
    expect(
      errorMessage({ code: 'invalid_request', invalidReason: 'invalid_id', field: 'projectId' }, 'de', 'outlook'),
    ).toBe('Bitte wählen Sie ein Projekt aus der Liste.');
    expect(errorMessage({ code: 'invalid_request', invalidReason: 'search_too_long' }, 'en', 'outlook')).toContain(
      '200',
    );
  });
});

describe('AppError and the classifier', () => {
  it('takes status and retryability from the one table', () => {
    expect(new AppError('throttled')).toMatchObject({ status: 429, retryable: true });
    expect(new AppError('invalid_request')).toMatchObject({ status: 400, retryable: false });
    expect(new AppError('internal')).toMatchObject({ status: 500, retryable: true });
    expect(new AppError('connection_unreadable')).toMatchObject({ status: 503, retryable: true });
  });

  it.each([
    [new InLooxError('auth', { status: 401 }), 'needs_reconnect'],
    [new InLooxError('throttled', { retryAfterSeconds: 9 }), 'throttled'],
    [new InLooxError('unavailable'), 'inloox_unavailable'],
    [new NotConnectedError('not_connected'), 'not_connected'],
    [new KeyStoreCryptoError('bad tag'), 'connection_unreadable'],
    [new HtmlLimitError('too_complex', 'message'), 'too_complex'],
    [new HtmlLimitError('busy'), 'busy'],
    [new EntraTokenError('expired'), 'unauthenticated'],
    [new EntraTokenError('keys_unavailable'), 'sign_in_unavailable'],
    [Object.assign(new URIError('Failed to decode param'), { status: 400 }), 'invalid_request'],
    [Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }), 'too_large'],
    [new Error('connect ECONNREFUSED'), 'internal'],
    ['a string', 'internal'],
  ])('%s → %s', (error, code) => {
    expect(toAppError(error).code).toBe(code);
  });

  it('recognises errors by type, never by their class name', () => {
    class TokenError extends Error {
      override name = 'TokenError';
    }
    expect(toAppError(new TokenError('looks like sign-in')).code).toBe('internal');
  });

  it('an unexpected error keeps its text out of the message', () => {
    const app = toAppError(new Error('password=hunter2 at /srv/app/db.ts:12'));
    for (const locale of ['en', 'de'] as const) expect(app.userMessage(locale)).not.toMatch(/hunter2|db\.ts/);
  });

  it('the wire contract recognises error bodies', () => {
    expect(isApiErrorBody({ error: { code: 'throttled', message: 'wait' } })).toBe(true);
    expect(isApiErrorBody({ error: 'text' })).toBe(false);
    expect(isApiErrorBody(undefined)).toBe(false);
  });
});
