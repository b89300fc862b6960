/**
 * Unauthenticated load on the production bot endpoint: N requests, each with an unsigned token that names a new
 * tenant (the shape botbuilder's emulator path adds issuers for). Prints mean latency of the first and last 1,000
 * requests, RSS and heap before and after (after a full collection when run with --expose-gc) and the bytes logged.
 *
 *   node --expose-gc --import tsx bench/experiments/unsigned-tokens.ts [requests=20000]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/app';
import { loadConfig } from '../../shared/config';
import { createConnectionService } from '../../shared/connection-service';
import { createInLooxClientFactory } from '../../shared/inloox/client';
import { createKeyStore } from '../../shared/keystore';
import { openFilingStore } from '../../shared/filings';
import { openStateStore } from '../../shared/state';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const requests = Number(process.argv[2] ?? 20_000);

function unsignedToken(tid: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: `https://login.microsoftonline.com/${tid}/v2.0`, tid, aud: APP_ID, ver: '2.0', exp: now + 600 };
  return `${encode({ alg: 'RS256', typ: 'JWT', kid: 'k' })}.${encode(claims)}.${randomBytes(32).toString('base64url')}`;
}

const memoryMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: Math.round(rss / 1e6), heapUsed: Math.round(heapUsed / 1e6) };
};

const dir = mkdtempSync(path.join(tmpdir(), 'unsigned-tokens-'));
const config = loadConfig(
  {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'x',
    KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    DATA_DIR: dir,
  },
  { readDotenv: false },
);
const store = createKeyStore({ databaseUrl: path.join(dir, 'keys.sqlite'), encryptionKey: randomBytes(32) });
await store.init();
const clientFor = createInLooxClientFactory({
  baseUrl: 'http://127.0.0.1:9/api/odata/',
  rateLimit: config.inlooxRateLimit,
});
const state = await openStateStore({ databaseUrl: config.databaseUrl });
const filings = await openFilingStore({ databaseUrl: config.databaseUrl });
const app = createApp({ config, state, filings, connections: createConnectionService({ store, clientFor }) });
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;

let loggedBytes = 0;
const write = process.stderr.write.bind(process.stderr);
console.error = (...args: unknown[]) => {
  loggedBytes += args.map((a) => (a instanceof Error ? (a.stack ?? '') : String(a))).join(' ').length + 1;
};

const body = JSON.stringify({
  type: 'message',
  text: 'projects',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  from: { id: '29:x', aadObjectId: randomUUID() },
  recipient: { id: '28:bot' },
  conversation: { id: 'c', tenantId: randomUUID() },
});
const before = memoryMb();
const latencies: number[] = [];
const statuses = new Map<number, number>();
for (let index = 0; index < requests; index++) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${unsignedToken(randomUUID())}` },
    body,
  });
  await response.arrayBuffer();
  latencies.push(performance.now() - started);
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const result = {
  requests,
  statuses: Object.fromEntries(statuses),
  meanMsFirst1000: Number(mean(latencies.slice(0, 1000)).toFixed(2)),
  meanMsLast1000: Number(mean(latencies.slice(-1000)).toFixed(2)),
  memoryMbBefore: before,
  memoryMbAfter: memoryMb(),
  loggedBytesPerRequest: Math.round(loggedBytes / requests),
};
write(`${JSON.stringify(result)}\n`);
server.close();
await filings.close();
await state.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
