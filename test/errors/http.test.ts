/**
 * The final JSON error handler on every router of the composed app, and messages that name the host the person
 * is in. Runs the real app (server/app.ts) against the sandbox, in local mode and in production mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { startApiHarness, type ApiHarness, type CallResult } from '../helpers/api-harness';

const PRODUCTION_ENV = {
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppPassword: 'x',
  MicrosoftAppType: 'MultiTenant',
  PUBLIC_BASE_URL: 'https://inloox.example',
  KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

/** No file path, stack frame or HTML page: only the product's JSON error body. */
function expectCleanJsonError(result: CallResult, what: string): void {
  expect(result.headers.get('content-type'), what).toMatch(/^application\/json/);
  expect(result.body?.error?.code, what).toEqual(expect.any(String));
  expect(result.body?.error?.message, what).toEqual(expect.any(String));
  expect(result.text, what).not.toMatch(
    /<html|<pre>|\bat \S+ \(|node_modules|\/work\/|\.ts:\d+|URIError|Failed to decode/i,
  );
}

describe('malformed URL escapes and unknown paths answer JSON without internals, on every router', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ tempPrefix: 'errors-local-', app: createApp });
  });
  afterAll(() => h?.close());

  it.each([
    ['GET', '/addin/api/tasks/%E0%A4%A/notes'],
    ['POST', '/addin/api/tasks/%E0%A4%A/notes'],
    ['GET', '/addin/%E0%A4%A'],
    ['POST', '/tab/api/tasks/%E0%A4%A/done'],
    ['GET', '/tab/api/tasks/%E0%A4%A/done'],
    ['GET', '/tab/%E0%A4%A'],
    ['POST', '/api/messages/%E0%A4%A'],
    ['GET', '/api/messages'],
    ['GET', '/healthz/%E0%A4%A'],
    ['GET', '/%E0%A4%A'],
  ])('%s %s', async (method, path) => {
    const result = await h.call(method, path, method === 'POST' ? { body: {} } : {});
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expectCleanJsonError(result, `${method} ${path}`);
  });

  it('a malformed escape in an id is a bad request in the caller’s language', async () => {
    const en = await h.call('GET', '/addin/api/tasks/%E0%A4%A/notes');
    const de = await h.call('GET', '/addin/api/tasks/%E0%A4%A/notes', { locale: 'de-DE' });
    expect(en.status).toBe(400);
    expect(en.body.error).toEqual({ code: 'invalid_request', message: 'The request could not be read.' });
    expect(de.body.error).toEqual({ code: 'invalid_request', message: 'Die Anfrage konnte nicht gelesen werden.' });
  });

  it('the bot answers unreadable activities with the JSON error body, not a text', async () => {
    const broken = await h.call('POST', '/api/messages', { rawBody: '{"type":' });
    expect(broken.status).toBe(400);
    expectCleanJsonError(broken, 'broken JSON');
    const noType = await h.call('POST', '/api/messages', { body: { text: 'hi' } });
    expect(noType.status).toBe(400);
    expect(noType.body.error.code).toBe('invalid_request');
  });
});

describe('production: refusals carry no internal text and name the host', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ tempPrefix: 'errors-production-', app: createApp, env: PRODUCTION_ENV });
  });
  afterAll(() => h?.close());

  it('the bot’s refused activity is the JSON error body, without botbuilder’s error text', async () => {
    const activity = {
      type: 'message',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      from: { id: '29:x' },
      conversation: { id: 'c' },
      recipient: { id: 'b' },
    };
    const result = await h.call('POST', '/api/messages', { body: activity });
    expect(result.status).toBe(401);
    expectCleanJsonError(result, 'anonymous activity');
    expect(result.body.error.code).toBe('unauthenticated');
    expect(result.text).not.toMatch(/Unauthorized Access|not authorized|authorization header/i);
  });

  it.each([
    ['en', 'Your sign-in could not be verified. Please reload the InLoox add-in in Outlook.'],
    ['de', 'Ihre Anmeldung konnte nicht bestätigt werden. Bitte laden Sie das InLoox-Add-in in Outlook neu.'],
  ])('an unverified sign-in in Outlook says Outlook (%s)', async (locale, message) => {
    const result = await h.call('GET', '/addin/api/me', { locale });
    expect(result.status).toBe(401);
    expect(result.body.error).toEqual({ code: 'unauthenticated', message });
    expect(result.text).not.toContain('Teams');
  });

  it.each([
    ['en', 'Your sign-in could not be verified. Please reload the InLoox tab in Teams.'],
    ['de', 'Ihre Anmeldung konnte nicht bestätigt werden. Bitte laden Sie den InLoox-Tab in Teams neu.'],
  ])('an unverified sign-in in the tab says the tab in Teams (%s)', async (locale, message) => {
    const result = await h.call('GET', '/tab/api/tasks', { locale });
    expect(result.status).toBe(401);
    expect(result.body.error).toEqual({ code: 'unauthenticated', message });
    expect(result.text).not.toContain('Outlook');
  });
});
