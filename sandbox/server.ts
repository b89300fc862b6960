import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AccountData, INDEXED_FIELDS } from './accountData';
import { buildEntitySets } from './entities';
import { badRequest, ODataError, sendODataError } from './errors';
import { FaultInjector, type ActiveFault, type FaultRule } from './faults';
import { RateLimiter } from './rateLimit';
import { handleODataRequest, metadataXml, ODATA_BASES, serviceDocument } from './router';
import { seedAccount } from './seed';
import { SandboxStore, type StoredAccount } from './store';

export type { FaultRule, ActiveFault } from './faults';

export interface SandboxOptions {
  /** Folder of the SQLite database; undefined: a temp database, deleted on close. */
  dataDir?: string;
  /** API keys, each its own account. Default: the demo keys. */
  keys?: string[];
  /** Per-key budget; default 100 calls per 60 s; false: no throttling. */
  rateLimit?: { calls: number; windowMs: number } | false;
  /** Seed new accounts with demo data (default true). */
  seed?: boolean;
}

export interface SandboxAccount {
  apiKey: string;
  accountId: string;
  contactId: string;
  displayName: string;
  email: string;
}

export interface RunningSandbox {
  /** http://127.0.0.1:PORT/api/odata/ (InLoox Cloud form) */
  baseUrl: string;
  /** http://127.0.0.1:PORT/api/v1/odata/ (self-hosted form) */
  selfHostedBaseUrl: string;
  port: number;
  close(): Promise<void>;
}

export interface SandboxRequest {
  method: string;
  /** Raw, as received (path and query). */
  url: string;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  accountId?: string;
  timestamp: number;
}

export interface Sandbox {
  app: express.Express;
  accounts: SandboxAccount[];
  listen(port?: number, host?: string): Promise<RunningSandbox>;
  faults: { add(rule: FaultRule): ActiveFault; remove(id: number): boolean; clear(): void; list(): ActiveFault[] };
  requestLog: { entries(): SandboxRequest[]; clear(): void };
  /** Direct access to one account's data, by API key or account id (tests: read and seed without HTTP). */
  data(apiKeyOrAccountId: string): AccountData;
  /** Forgets the calls counted for throttling. */
  resetRateLimit(): void;
  close(): Promise<void>;
}

export interface DemoUser {
  apiKey: string;
  firstName: string;
  lastName: string;
  email: string;
  language: 'de' | 'en';
}

/** The documented demo accounts (printed by `npm run sandbox`). */
export const DEMO_USERS: DemoUser[] = [
  { apiKey: 'demo-key-anna', firstName: 'Anna', lastName: 'Schmidt', email: 'anna.schmidt@example.de', language: 'de' },
  { apiKey: 'demo-key-ben', firstName: 'Ben', lastName: 'Carter', email: 'ben.carter@example.com', language: 'en' },
];

export const DEFAULT_RATE_LIMIT = { calls: 100, windowMs: 60_000 };

function hashKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** Temp databases of sandboxes not closed yet; removed at process exit too, should a caller forget close(). */
const openTemporaryDirs = new Set<string>();
let exitHookInstalled = false;

function trackTemporaryDir(dir: string): void {
  openTemporaryDirs.add(dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const d of openTemporaryDirs) rmSync(d, { recursive: true, force: true });
  });
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const keys = [...new Set(options.keys ?? DEMO_USERS.map((u) => u.apiKey))];
  if (keys.length === 0) throw new Error('The sandbox needs at least one API key');
  if (keys.some((k) => !k || /[\s,]/.test(k)))
    throw new Error('Sandbox API keys must be non-empty and contain no spaces or commas');
  if (options.rateLimit) {
    const { calls, windowMs } = options.rateLimit;
    if (!Number.isInteger(calls) || calls < 1 || !Number.isFinite(windowMs) || windowMs <= 0)
      throw new Error('rateLimit needs a positive whole number of calls and a positive window');
  }
  const seed = options.seed ?? true;
  const temporaryDir = options.dataDir === undefined ? mkdtempSync(path.join(tmpdir(), 'inloox-sandbox-')) : undefined;
  if (temporaryDir) trackTemporaryDir(temporaryDir);
  const dataDir = options.dataDir ?? temporaryDir!;
  mkdirSync(dataDir, { recursive: true });
  const store = new SandboxStore(path.join(dataDir, 'sandbox.sqlite'), INDEXED_FIELDS);
  const sets = buildEntitySets();

  const byHash = new Map<string, AccountData>();
  const byAccountId = new Map<string, AccountData>();
  const accounts: SandboxAccount[] = [];

  for (const apiKey of keys) {
    const keyHash = hashKey(apiKey);
    const demo = DEMO_USERS.find((u) => u.apiKey === apiKey);
    let stored = store.findAccount(keyHash);
    const isNew = !stored;
    if (!stored) {
      const suffix = keyHash.slice(0, 6);
      const firstName = demo?.firstName ?? 'Sandbox';
      const lastName = demo?.lastName ?? `User ${suffix}`;
      stored = {
        accountId: randomUUID(),
        keyHash,
        contactId: randomUUID(),
        displayName: `${firstName} ${lastName}`,
        email: demo?.email ?? `user-${suffix}@sandbox.example`,
        seeded: false,
      } satisfies StoredAccount;
      store.saveAccount(stored);
    }
    const data = new AccountData(store, sets, {
      accountId: stored.accountId,
      contactId: stored.contactId,
      language: demo?.language ?? 'en',
    });
    if (isNew) {
      const [firstName, ...rest] = stored.displayName.split(' ');
      store.transaction(() =>
        data.put('Contact', stored.contactId, {
          ContactId: stored.contactId,
          FirstName: firstName,
          LastName: rest.join(' '),
          DisplayName: stored.displayName,
          Email: stored.email,
          IsIdentity: true,
          InvitationAccepted: true,
          CalendarId: randomUUID(),
          TimeZoneInfo: demo?.language === 'de' ? 'W. Europe Standard Time' : 'GMT Standard Time',
        }),
      );
    }
    if (seed && !stored.seeded) {
      store.transaction(() => seedAccount(data));
      store.saveAccount({ ...stored, seeded: true });
    }
    byHash.set(keyHash, data);
    byAccountId.set(stored.accountId, data);
    accounts.push({
      apiKey,
      accountId: stored.accountId,
      contactId: stored.contactId,
      displayName: stored.displayName,
      email: stored.email,
    });
  }

  const faults = new FaultInjector();
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  let log: SandboxRequest[] = [];
  const hanging = new Set<Response>();

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // Admin endpoint for fault injection, loopback only.
  app.use('/_sandbox', express.json(), (req, res) => {
    if (!isLoopback(req.socket.remoteAddress)) {
      res
        .status(403)
        .json({ error: { code: 'Forbidden', message: 'The sandbox admin endpoint is for loopback only.' } });
      return;
    }
    if (req.path === '/faults' && req.method === 'GET')
      return void res.json({
        value: faults.list().map((f) => ({ ...f, path: f.path instanceof RegExp ? f.path.source : f.path })),
      });
    if (req.path === '/faults' && req.method === 'DELETE') {
      faults.clear();
      return void res.status(204).end();
    }
    if (req.path === '/faults' && req.method === 'POST') {
      const { pathRegex, ...rule } = (req.body ?? {}) as FaultRule & { pathRegex?: string };
      try {
        const added = faults.add(pathRegex ? { ...rule, path: new RegExp(pathRegex) } : rule);
        return void res
          .status(201)
          .json({ ...added, path: added.path instanceof RegExp ? added.path.source : added.path });
      } catch (error) {
        return void res.status(400).json({ error: { code: 'BadRequest', message: (error as Error).message } });
      }
    }
    const match = /^\/faults\/(\d+)$/.exec(req.path);
    if (match && req.method === 'DELETE') return void res.status(faults.remove(Number(match[1])) ? 204 : 404).end();
    if (req.path === '/requests' && req.method === 'GET') return void res.json({ value: log });
    if (req.path === '/requests' && req.method === 'DELETE') {
      log = [];
      return void res.status(204).end();
    }
    if (req.path === '/rate-limit' && req.method === 'DELETE') {
      limiter?.reset();
      return void res.status(204).end();
    }
    res.status(404).json({ error: { code: 'NotFound', message: 'Unknown sandbox admin endpoint.' } });
  });

  // Request log: every request except the admin endpoint's, with the status it got (0 when the connection was dropped unanswered).
  app.use((req, res, next) => {
    const entry: SandboxRequest = { method: req.method, url: req.originalUrl, status: 0, timestamp: Date.now() };
    log.push(entry);
    if (log.length > 10_000) log = log.slice(-5_000);
    res.locals.logEntry = entry;
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    next();
  });

  // Fault injection for the API paths.
  app.use((req, res, next) => {
    const fault = faults.take(req.method, req.path);
    if (!fault) return next();
    const act = () => {
      if (fault.drop) {
        req.socket.destroy();
        return;
      }
      if (fault.timeout === 'never') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (fault.malformedJson) {
        res
          .status(fault.status ?? 200)
          .type('application/json; odata.metadata=minimal')
          .send('{"@odata.context":"x","value":[{"Name":');
        return;
      }
      if (fault.status !== undefined) {
        res.status(fault.status).set(fault.headers ?? {});
        if (fault.body !== undefined) res.json(fault.body);
        else res.json({ error: { code: `Status${fault.status}`, message: `Injected fault: HTTP ${fault.status}.` } });
        return;
      }
      next();
    };
    const delay = (fault.latencyMs ?? 0) + (typeof fault.timeout === 'number' ? fault.timeout : 0);
    if (delay > 0) setTimeout(act, delay);
    else act();
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const base = ODATA_BASES.find((b) => req.path.startsWith(b) || `${req.path}/` === b);
    if (!base) {
      if (req.path === '/' || req.path === '/healthz')
        return void res.json({ service: 'InLoox sandbox', bases: ODATA_BASES });
      return sendODataError(res, new ODataError(404, 'NotFound', `No resource was found for '${req.path}'.`));
    }
    const [rawPath, ...queryParts] = req.originalUrl.split('?');
    const rawQuery = queryParts.join('?');
    const resourcePath = rawPath!.length > base.length ? rawPath!.slice(base.length) : '';
    const serviceBase = `${req.protocol}://${req.get('host') ?? 'localhost'}${base}`;
    res.locals.serviceBase = serviceBase;

    if (resourcePath === '$metadata') {
      if (req.method !== 'GET') return sendODataError(res, new ODataError(405, 'MethodNotAllowed', 'GET only.'));
      res.status(200).set('OData-Version', '4.0').type('application/xml').send(metadataXml());
      return;
    }
    const apiKey = req.get('x-api-key');
    if (!apiKey) return sendODataError(res, new ODataError(401, 'Unauthorized', 'The x-api-key header is missing.'));
    const data = byHash.get(hashKey(apiKey));
    if (!data) return sendODataError(res, new ODataError(401, 'Unauthorized', 'The API key is not valid.'));
    (res.locals.logEntry as SandboxRequest).accountId = data.accountId;
    if (limiter) {
      const wait = limiter.take(data.accountId);
      if (wait > 0) {
        return sendODataError(
          res,
          new ODataError(429, 'TooManyRequests', `Rate limit is exceeded. Try again in ${wait} seconds.`),
          { 'Retry-After': String(wait) },
        );
      }
    }
    if (resourcePath === '') {
      if (req.method !== 'GET') return sendODataError(res, new ODataError(405, 'MethodNotAllowed', 'GET only.'));
      res.status(200).set('OData-Version', '4.0').json(serviceDocument(serviceBase));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 4 * 1024 * 1024) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', next);
    req.on('end', () => {
      try {
        if (tooLarge) throw new ODataError(413, 'PayloadTooLarge', 'The request body is larger than 4 MB.');
        const text = Buffer.concat(chunks).toString('utf8');
        const body = () => {
          if (text.trim() === '') throw badRequest('The request body is empty; a JSON body is required.');
          const type = req.get('content-type');
          if (type && !/^application\/json\b/i.test(type))
            throw new ODataError(
              415,
              'UnsupportedMediaType',
              `Content-Type '${type}' is not supported; send application/json.`,
            );
          try {
            return JSON.parse(text) as unknown;
          } catch (error) {
            throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`, 'InvalidJson');
          }
        };
        handleODataRequest({ req, res, serviceBase, resourcePath, rawQuery, body, data });
      } catch (error) {
        if (error instanceof ODataError) return sendODataError(res, error);
        next(error);
      }
    });
  });

  // Last resort: never a stack trace, always an OData error body.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('sandbox: unexpected error', error);
    sendODataError(res, new ODataError(500, 'InternalServerError', 'An unexpected error occurred in the sandbox.'));
  });

  const servers = new Set<Server>();
  let closed = false;

  const dataOf = (apiKeyOrAccountId: string): AccountData => {
    const data = byAccountId.get(apiKeyOrAccountId) ?? byHash.get(hashKey(apiKeyOrAccountId));
    if (!data) throw new Error('No sandbox account for that key or account id');
    return data;
  };

  const closeServer = (server: Server) =>
    new Promise<void>((resolve) => {
      if (!servers.has(server)) return resolve();
      servers.delete(server);
      for (const res of hanging) res.socket?.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    app,
    accounts,
    faults: {
      add: (rule) => faults.add(rule),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    requestLog: {
      entries: () => [...log],
      clear: () => {
        log = [];
      },
    },
    data: dataOf,
    resetRateLimit: () => limiter?.reset(),
    listen(port = 0, host = '127.0.0.1') {
      return new Promise<RunningSandbox>((resolve, reject) => {
        const server = app.listen(port, host, (error?: Error) => {
          if (error) return reject(error);
          servers.add(server);
          const address = server.address();
          const actualPort = typeof address === 'object' && address ? address.port : port;
          const hostPart = host.includes(':') ? `[${host}]` : host;
          resolve({
            baseUrl: `http://${hostPart}:${actualPort}/api/odata/`,
            selfHostedBaseUrl: `http://${hostPart}:${actualPort}/api/v1/odata/`,
            port: actualPort,
            close: () => closeServer(server),
          });
        });
        server.on('connection', (socket: Socket) => socket.setNoDelay(true));
        server.once('error', reject);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...servers].map(closeServer));
      store.close();
      if (temporaryDir) {
        rmSync(temporaryDir, { recursive: true, force: true });
        openTemporaryDirs.delete(temporaryDir);
      }
    },
  };
}
