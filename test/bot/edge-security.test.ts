/** What reaches the bot at POST /api/messages: local mode stays local, production only lets Bot Framework tokens on. */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { botTokenRejection, isLoopbackServiceUrl } from '../../bot/edge-guards';
import { identityFromActivity } from '../../bot/identity';
import { identityOptions } from '../../bot/router';
import { loadConfig } from '../../shared/config';
import { DEMO_USERS } from '../../sandbox/server';
import { unsecuredToken } from '../auth/token-factory';
import { cardText, cardsOf, startBotHarness, type BotHarness, type TeamsUser } from './harness';

const BEN = DEMO_USERS.find((u) => u.firstName === 'Ben')!;
const APP_ID = '11111111-2222-4333-8444-555555555555';

/** POST with full control over Host and other headers fetch will not let a caller set. */
function rawPost(
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function messageActivity(user: TeamsUser, serviceUrl: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: randomUUID(),
    text: 'projects',
    channelId: 'msteams',
    serviceUrl,
    locale: 'en-US',
    deliveryMode: 'expectReplies',
    from: { id: `29:${user.objectId}`, aadObjectId: user.objectId },
    recipient: { id: '28:inloox-bot' },
    conversation: { id: `a:${user.objectId}`, conversationType: 'personal', tenantId: user.tenantId },
    channelData: { tenant: { id: user.tenantId } },
    ...extra,
  };
}

describe('local mode', () => {
  let bot: BotHarness;
  let ben: TeamsUser;
  // Loopback; with expectReplies the answers come back in the HTTP response.
  const serviceUrl = 'http://127.0.0.1:9/';

  beforeAll(async () => {
    bot = await startBotHarness();
    ben = bot.newUser('Ben');
    await bot.connect(ben, BEN.apiKey);
  });
  afterAll(async () => bot?.close());

  it('answers a direct request from this machine with the person’s projects', async () => {
    const { status, text } = await rawPost(`${bot.baseUrl}/api/messages`, messageActivity(ben, serviceUrl), {});
    expect(status).toBe(200);
    expect(text).toContain('Website Relaunch');
  });

  it.each([
    ['a foreign Host (DNS rebinding)', { host: 'attacker.example' }],
    ['a Host that only starts like localhost', { host: 'localhost.attacker.example:3978' }],
    ['a dev tunnel (X-Forwarded-For)', { 'x-forwarded-for': '203.0.113.7' }],
    ['a reverse proxy (Forwarded)', { forwarded: 'for=203.0.113.7;host=tunnel.example' }],
    ['a proxy (X-Forwarded-Host)', { 'x-forwarded-host': 'tunnel.example' }],
  ])('refuses %s with 401 and no InLoox data', async (_name, headers) => {
    const { status, text } = await rawPost(`${bot.baseUrl}/api/messages`, messageActivity(ben, serviceUrl), headers);
    expect(status).toBe(401);
    expect(text).not.toContain('Website Relaunch');
    expect(text).toContain('local mode');
  });

  it('refuses a serviceUrl off this machine, so replies cannot be sent elsewhere', async () => {
    const before = bot.connectorLog.length;
    for (const foreign of ['https://attacker.example/', 'http://169.254.169.254/', 'http://10.0.0.8:3978/']) {
      const { status, text } = await rawPost(
        `${bot.baseUrl}/api/messages`,
        messageActivity(ben, foreign, { deliveryMode: undefined }),
        {},
      );
      expect(status).toBe(400);
      expect(text).toContain('serviceUrl on this machine');
    }
    expect(bot.connectorLog.length).toBe(before);
  });

  it('gives no identity to activities from channels other than Teams (nothing of the person’s InLoox)', async () => {
    const webChat = await bot.message('projects', { user: ben, extra: { channelId: 'webchat' } });
    const text = cardText(cardsOf(webChat)[0]);
    expect(text).toContain('I could not tell who you are in Microsoft 365');
    expect(text).not.toContain('Website Relaunch');
    const teams = await bot.message('projects', { user: ben });
    expect(cardText(cardsOf(teams)[0])).toContain('Website Relaunch');
  });
});

describe('identity from activities', () => {
  const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const objectId = '11111111-2222-4333-8444-555555555555';
  const base = { from: { aadObjectId: objectId }, conversation: { tenantId } };

  it('comes only from the Teams and Microsoft 365 channels', () => {
    expect(identityFromActivity({ ...base, channelId: 'msteams' }, { localMode: false })).toEqual({
      tenantId,
      objectId,
    });
    expect(identityFromActivity({ ...base, channelId: 'm365extensions' }, { localMode: false })).toEqual({
      tenantId,
      objectId,
    });
    for (const channelId of ['webchat', 'directline', 'emulator', 'MSTEAMS', undefined]) {
      expect(identityFromActivity({ ...base, channelId }, { localMode: false })).toBeUndefined();
    }
  });

  it('needs conversation.tenantId; channelData.tenant.id alone or a differing one is not enough', () => {
    const channelDataOnly = { channelId: 'msteams', from: base.from, channelData: { tenant: { id: tenantId } } };
    expect(identityFromActivity(channelDataOnly, { localMode: false })).toBeUndefined();
    const differing = { ...base, channelId: 'msteams', channelData: { tenant: { id: randomUUID() } } };
    expect(identityFromActivity(differing, { localMode: false })).toBeUndefined();
  });

  it('a single-tenant bot (MicrosoftAppTenantId) accepts its own tenant only', () => {
    const activity = { ...base, channelId: 'msteams' };
    const env = { MicrosoftAppId: APP_ID, KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    const single = identityOptions(
      loadConfig({ ...env, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: tenantId }, { readDotenv: false }),
    );
    expect(single).toEqual({ localMode: false, tenantId });
    expect(identityFromActivity(activity, single)).toEqual({ tenantId, objectId });
    const other = { ...activity, conversation: { tenantId: randomUUID() } };
    expect(identityFromActivity(other, single)).toBeUndefined();
    const multi = identityOptions(loadConfig({ ...env, MicrosoftAppTenantId: tenantId }, { readDotenv: false }));
    expect(identityFromActivity(other, multi)).toEqual({ tenantId: other.conversation.tenantId, objectId });
    expect(identityFromActivity(activity, { localMode: false, tenantId: tenantId.toUpperCase() })).toEqual({
      tenantId,
      objectId,
    });
    expect(identityFromActivity(activity, { localMode: false, tenantId: randomUUID() })).toBeUndefined();
  });

  it('serviceUrls on this machine', () => {
    expect(isLoopbackServiceUrl('http://localhost:56150/_connector')).toBe(true);
    expect(isLoopbackServiceUrl('http://127.0.0.1:4000/')).toBe(true);
    expect(isLoopbackServiceUrl('http://[::1]:4000/')).toBe(true);
    expect(isLoopbackServiceUrl('http://localhost.attacker.example/')).toBe(false);
    expect(isLoopbackServiceUrl('https://smba.trafficmanager.net/emea/')).toBe(false);
    expect(isLoopbackServiceUrl('file:///etc/passwd')).toBe(false);
  });
});

describe('production: tokens that do not claim to be the Bot Framework’s', () => {
  let secured: BotHarness;
  const errors: string[] = [];

  beforeAll(async () => {
    secured = await startBotHarness({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'x',
        KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
    });
  });
  afterAll(async () => secured?.close());
  afterEach(() => vi.restoreAllMocks());

  function emulatorLikeToken(tid: string): string {
    const now = Math.floor(Date.now() / 1000);
    return unsecuredToken({
      iss: `https://login.microsoftonline.com/${tid}/v2.0`,
      tid,
      aud: APP_ID,
      ver: '2.0',
      azp: APP_ID,
      exp: now + 3600,
    }).replace(/^[^.]+/, Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'k' })).toString('base64url'));
  }

  it('unsigned tokens with 300 new tenant ids leave botbuilder’s process-wide issuer list as it was', async () => {
    const issuersBefore = (ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[]).length;
    // The bot logs JSON lines (pino) to stdout.
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errors.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line.includes('bot_request_rejected')),
      );
      return true;
    });
    const user = secured.newUser();
    const activity = messageActivity(user, 'https://smba.trafficmanager.net/emea/');
    for (let index = 0; index < 300; index++) {
      const token = emulatorLikeToken(randomUUID());
      const { status } = await secured.post(activity, { authorization: `Bearer ${token}` });
      expect(status).toBe(401);
    }
    expect((ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[]).length).toBe(issuersBefore);
    // One short line per rejection, never the token, never a stack trace.
    expect(errors).toHaveLength(300);
    for (const line of errors) {
      const { time: _time, ...entry } = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toEqual({
        level: 'warn',
        service: 'inloox-m365',
        pid: process.pid,
        event: 'bot_request_rejected',
        source: 'bot',
        reason: 'wrong_issuer',
      });
    }
  });

  it('judges the unverified claims: missing, malformed, wrong issuer, wrong audience; Bot Framework tokens go on', () => {
    const token = (claims: Record<string, unknown>) =>
      `Bearer ${unsecuredToken(claims).replace(/^[^.]+/, Buffer.from('{"alg":"RS256"}').toString('base64url'))}sig`;
    expect(botTokenRejection(undefined, APP_ID)).toBe('missing_token');
    expect(botTokenRejection('Basic abc', APP_ID)).toBe('malformed_token');
    expect(botTokenRejection(`Bearer ${unsecuredToken({ iss: 'https://api.botframework.com' })}`, APP_ID)).toBe(
      'malformed_token',
    );
    expect(botTokenRejection(token({ iss: 'https://sts.windows.net/x/', aud: APP_ID }), APP_ID)).toBe('wrong_issuer');
    expect(botTokenRejection(token({ iss: 'https://api.botframework.com', aud: 'other' }), APP_ID)).toBe(
      'wrong_audience',
    );
    expect(botTokenRejection(token({ iss: 'https://api.botframework.com', aud: APP_ID }), APP_ID)).toBeUndefined();
  });
});
