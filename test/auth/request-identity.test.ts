import type { AddressInfo } from 'node:net';
import { request as httpRequest, type Server } from 'node:http';
import express, { type Request } from 'express';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEV_IDENTITY } from '../../shared/auth/dev-identity';
import { createEntraTokenVerifier, EntraTokenError, type EntraTokenVerifier } from '../../shared/auth/entra-token';
import { loadConfig, type AppConfig } from '../../shared/config';
import {
  createRequestIdentifier,
  createSsoVerifier,
  isDirectLoopbackRequest,
  isLoopbackAddress,
  requestIdentity,
  requireJsonWrites,
  resolveRequestIdentity,
} from '../../server/request-identity';
import { APP_ID_URI, CLIENT_ID, createTokenFactory, OBJECT_ID, TENANT } from './token-factory';

const KEY = Buffer.alloc(32, 7).toString('base64');
const localConfig: AppConfig = loadConfig({ DATA_DIR: '/tmp/unused' }, { readDotenv: false });
const productionConfig: AppConfig = loadConfig(
  {
    MicrosoftAppId: CLIENT_ID,
    KEY_ENCRYPTION_KEY: KEY,
    PUBLIC_BASE_URL: 'https://inloox-bot.example.com',
    DATA_DIR: '/tmp/unused',
  },
  { readDotenv: false },
);

let tokens: Awaited<ReturnType<typeof createTokenFactory>>;
let verifier: EntraTokenVerifier;
let server: Server | undefined;

beforeAll(async () => {
  tokens = await createTokenFactory();
  verifier = createEntraTokenVerifier({
    clientId: CLIENT_ID,
    applicationIdUris: [APP_ID_URI],
    tenantMode: 'multi',
    keys: tokens.keySet,
  });
});

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** An express app like the add-in/tab APIs: identity and CSRF guard in front of JSON routes. */
async function start(config: AppConfig, tokenVerifier?: EntraTokenVerifier): Promise<string> {
  const app = express();
  app.use('/api', requireJsonWrites(), resolveRequestIdentity(config, tokenVerifier), express.json());
  app.get('/api/me', (_req, res) => {
    res.json(requestIdentity(res));
  });
  app.post('/api/tasks', (req, res) => {
    res.json({ identity: requestIdentity(res), received: req.body });
  });
  app.delete('/api/connection', (_req, res) => {
    res.json({ removed: true });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/** GET with any headers, Host included (fetch does not let a caller choose the Host header). */
function rawGet(base: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: unknown }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local mode', () => {
  it('gives a direct loopback request the development identity', async () => {
    const base = await start(localConfig);
    const res = await fetch(`${base}/api/me`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(DEV_IDENTITY);
  });

  it('refuses a loopback request for a foreign Host (DNS rebinding) with a localized 401', async () => {
    const base = await start(localConfig);
    const res = await rawGet(base, '/api/me', { Host: 'attacker.example', 'Accept-Language': 'de-DE,de;q=0.9' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body).toEqual({
      error: {
        code: 'unauthenticated',
        message: 'Ihre Anmeldung konnte nicht bestätigt werden. Bitte laden Sie den Chat mit InLoox in Teams neu.',
      },
    });
  });

  it('accepts the loopback names as Host', async () => {
    const base = await start(localConfig);
    const port = new URL(base).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'localhost']) {
      expect((await rawGet(base, '/api/me', { Host: host })).body).toEqual(DEV_IDENTITY);
    }
  });

  it('refuses requests forwarded by a proxy or dev tunnel on this machine', async () => {
    const base = await start(localConfig);
    for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Forwarded-Host']) {
      const res = await fetch(`${base}/api/me`, {
        headers: { [header]: header === 'Forwarded' ? 'for=203.0.113.7' : '203.0.113.7' },
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
  });

  it('uses a valid SSO token instead of the development identity when SSO is configured', async () => {
    const base = await start(localConfig, verifier);
    const res = await fetch(`${base}/api/me`, { headers: { Authorization: `Bearer ${await tokens.sign()}` } });
    expect(await res.json()).toEqual({ tenantId: TENANT, objectId: OBJECT_ID });
  });

  it('only peers on loopback addresses qualify (the socket address, never a header)', () => {
    const fakeRequest = (remoteAddress: string, host = 'localhost:3978') =>
      ({
        socket: { remoteAddress },
        get: (name: string) => (name.toLowerCase() === 'host' ? host : undefined),
      }) as unknown as Request;
    expect(isDirectLoopbackRequest(fakeRequest('127.0.0.1'))).toBe(true);
    expect(isDirectLoopbackRequest(fakeRequest('::ffff:127.0.0.1', '127.0.0.1:3978'))).toBe(true);
    expect(isDirectLoopbackRequest(fakeRequest('::1', '[::1]:3978'))).toBe(true);
    expect(isDirectLoopbackRequest(fakeRequest('192.168.1.20'))).toBe(false);
    expect(isDirectLoopbackRequest(fakeRequest('::ffff:10.0.0.5'))).toBe(false);
    expect(isDirectLoopbackRequest(fakeRequest('127.0.0.1', 'localhost.attacker.example'))).toBe(false);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.255.10.3', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['::FFFF:127.1.2.3', true],
    ['128.0.0.1', false],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['::ffff:192.168.0.1', false],
    ['fe80::1', false],
    ['', false],
  ])('isLoopbackAddress(%s) = %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
  it('isLoopbackAddress(undefined) = false', () => {
    expect(isLoopbackAddress(undefined)).toBe(false);
  });
});

describe('production', () => {
  it('accepts a valid SSO bearer token and identifies its person', async () => {
    const base = await start(productionConfig, verifier);
    const res = await fetch(`${base}/api/me`, { headers: { Authorization: `Bearer ${await tokens.sign()}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ tenantId: TENANT, objectId: OBJECT_ID });
  });

  it('never hands out the development identity, not even to loopback requests', async () => {
    const base = await start(productionConfig, verifier);
    const res = await fetch(`${base}/api/me`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        code: 'unauthenticated',
        message: 'Your sign-in could not be verified. Please reload the chat with InLoox in Teams.',
      },
    });
  });

  it('answers a bad token with 401 and a body that reveals neither the token nor the reason', async () => {
    const base = await start(productionConfig, verifier);
    const expired = await tokens.sign({ exp: Math.floor(Date.now() / 1000) - 7200 });
    for (const authorization of [
      `Bearer ${expired}`,
      `Bearer ${await tokens.sign({}, { key: tokens.stranger })}`,
      'Basic dXNlcjpwYXNz',
      'Bearer',
    ]) {
      const res = await fetch(`${base}/api/me`, { headers: { Authorization: authorization } });
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: {
          code: 'unauthenticated',
          message: 'Your sign-in could not be verified. Please reload the chat with InLoox in Teams.',
        },
      });
      expect(text).not.toMatch(/expired|signature|eyJ/);
    }
  });

  it('answers an unreachable key set with 503 "try again in a moment", not as a sign-in failure', async () => {
    const down: EntraTokenVerifier = { verify: () => Promise.reject(new EntraTokenError('keys_unavailable')) };
    const base = await start(productionConfig, down);
    const res = await fetch(`${base}/api/me`, { headers: { Authorization: 'Bearer a.b.c', 'Accept-Language': 'de' } });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'sign_in_unavailable',
      message: 'Ihre Anmeldung kann gerade nicht geprüft werden. Bitte versuchen Sie es gleich noch einmal.',
    });
  });

  it('refuses to start without token validation', () => {
    expect(() => createRequestIdentifier(productionConfig)).toThrow(/SSO/);
  });

  it('builds the verifier from configuration: audience api://<public host>/<app id> or the app id', async () => {
    const fromConfig = createSsoVerifier(productionConfig, {}, { keys: tokens.keySet });
    expect(fromConfig).toBeDefined();
    const v1 = await tokens.sign({}, { version: '1.0' });
    await expect(fromConfig!.verify(v1)).resolves.toMatchObject({ identity: { tenantId: TENANT } });
    const otherHost = await tokens.sign({ aud: `api://other.example/${CLIENT_ID}` }, { version: '1.0' });
    await expect(fromConfig!.verify(otherHost)).rejects.toMatchObject({ code: 'wrong_audience' });
    const separateApp = createSsoVerifier(
      productionConfig,
      { SSO_APP_ID: '22222222-0000-4000-8000-000000000002' },
      { keys: tokens.keySet },
    );
    await expect(separateApp!.verify(await tokens.sign())).rejects.toMatchObject({ code: 'wrong_audience' });
    expect(createSsoVerifier(localConfig, {})).toBeUndefined();
  });
});

describe('JSON-only writes (CSRF)', () => {
  it('accepts JSON writes and body-less DELETE from the same origin', async () => {
    const base = await start(localConfig);
    const post = await fetch(`${base}/api/tasks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"name":"x"}',
    });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({ identity: DEV_IDENTITY, received: { name: 'x' } });
    const del = await fetch(`${base}/api/connection`, { method: 'DELETE' });
    expect(del.status).toBe(200);
  });

  it.each([
    ['application/x-www-form-urlencoded', 'name=x'],
    ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--'],
    ['text/plain', '{"name":"x"}'],
  ])('refuses a %s write (what a cross-site form can send) with a localized 415', async (type, body) => {
    const base = await start(localConfig);
    const res = await fetch(`${base}/api/tasks`, {
      method: 'POST',
      headers: { 'Content-Type': type, 'Accept-Language': 'de' },
      body,
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({
      error: { code: 'unsupported_media_type', message: 'Diese Anfrage muss als JSON gesendet werden.' },
    });
  });

  it('refuses writes from another origin even as JSON, accepts its own origin', async () => {
    const base = await start(localConfig);
    const json = { 'Content-Type': 'application/json' };
    const foreign = await fetch(`${base}/api/tasks`, {
      method: 'POST',
      headers: { ...json, Origin: 'https://attacker.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('cross_site_request');
    const own = await fetch(`${base}/api/tasks`, { method: 'POST', headers: { ...json, Origin: base }, body: '{}' });
    expect(own.status).toBe(200);
  });

  it('leaves reads alone', async () => {
    const base = await start(localConfig);
    const res = await fetch(`${base}/api/me`, { headers: { Origin: 'https://attacker.example' } });
    expect(res.status).toBe(200);
  });
});
