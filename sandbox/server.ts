import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AccountData } from './accountData';
import { DEMO_COLLEAGUES, DEMO_USERS, hashKey, openAccounts, type SandboxAccount } from './accounts';
import { adminEndpoint, faultMiddleware, RequestLog, type SandboxRequest } from './admin';
import { handleODataRequest, serviceDocument } from './dispatch';
import { ENTITY_SETS, INDEXED_FIELDS } from './entities/registry';
import { readBody } from './odata/body';
import { shapeFromEnv, type SandboxShape } from './odata/connectorShape';
import { ODataError, sendODataError } from './odata/errors';
import { FaultInjector, type ActiveFault, type FaultRule } from './odata/faults';
import { loadModel } from './odata/metadata';
import { RateLimiter } from './odata/rateLimit';
import { SandboxStore } from './store';

export type { FaultRule, ActiveFault } from './odata/faults';
export type { SandboxRequest } from './admin';
export type { SandboxShape } from './odata/connectorShape';
export { DEMO_COLLEAGUES, DEMO_USERS, type DemoUser, type SandboxAccount } from './accounts';

/** Where the API is served: InLoox Cloud's and the self-hosted server's form. */
export const ODATA_BASES = ['/api/odata/', '/api/v1/odata/'] as const;

export interface SandboxOptions {
  /** Folder of the SQLite database; undefined: a temp database, deleted on close. */
  dataDir?: string;
  /** API keys, each its own account. Default: the demo keys. */
  keys?: string[];
  /** Per-key budget; default 100 calls per 60 s; false: no throttling. */
  rateLimit?: { calls: number; windowMs: number } | false;
  /** Seed new accounts with demo data (default true). */
  seed?: boolean;
  /** Answer shapes (docs/sandbox.md); default: the SANDBOX_SHAPE environment variable, else "odata". */
  shape?: SandboxShape;
  /** The sandbox's clock (ms since the epoch), e.g. one a test moves to let a stopwatch run; default Date.now. */
  clock?: () => number;
}

export interface RunningSandbox {
  /** http://127.0.0.1:PORT/api/odata/ (InLoox Cloud form) */
  baseUrl: string;
  /** http://127.0.0.1:PORT/api/v1/odata/ (self-hosted form) */
  selfHostedBaseUrl: string;
  port: number;
  close(): Promise<void>;
}

export interface Sandbox {
  app: express.Express;
  shape: SandboxShape;
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

export const DEFAULT_RATE_LIMIT = { calls: 100, windowMs: 60_000 };

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

function checkOptions(keys: string[], options: SandboxOptions): void {
  if (keys.length === 0) throw new Error('The sandbox needs at least one API key');
  if (keys.some((k) => !k || /[\s,]/.test(k)))
    throw new Error('Sandbox API keys must be non-empty and contain no spaces or commas');
  if (options.rateLimit) {
    const { calls, windowMs } = options.rateLimit;
    if (!Number.isInteger(calls) || calls < 1 || !Number.isFinite(windowMs) || windowMs <= 0)
      throw new Error('rateLimit needs a positive whole number of calls and a positive window');
  }
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const keys = [...new Set(options.keys ?? [...DEMO_USERS, ...DEMO_COLLEAGUES].map((u) => u.apiKey))];
  checkOptions(keys, options);
  const shape = options.shape ?? shapeFromEnv(process.env.SANDBOX_SHAPE);
  const temporaryDir = options.dataDir === undefined ? mkdtempSync(path.join(tmpdir(), 'inloox-sandbox-')) : undefined;
  if (temporaryDir) trackTemporaryDir(temporaryDir);
  const dataDir = options.dataDir ?? temporaryDir!;
  mkdirSync(dataDir, { recursive: true });
  const store = new SandboxStore(path.join(dataDir, 'sandbox.sqlite'), INDEXED_FIELDS);
  const { byHash, byAccountId, accounts } = openAccounts(store, keys, options.seed ?? true, options.clock);

  const faults = new FaultInjector();
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const log = new RequestLog();
  const hanging = new Set<Response>();

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/_sandbox', express.json(), adminEndpoint(faults, log, limiter));
  app.use(log.middleware());
  app.use(faultMiddleware(faults, hanging));

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
      res.status(200).set('OData-Version', '4.0').type('application/xml').send(loadModel().xml);
      return;
    }
    const apiKey = req.get('x-api-key');
    if (!apiKey) return sendODataError(res, new ODataError(401, 'Unauthorized', 'The x-api-key header is missing.'));
    const keyHash = hashKey(apiKey);
    const data = byHash.get(keyHash);
    if (!data) return sendODataError(res, new ODataError(401, 'Unauthorized', 'The API key is not valid.'));
    (res.locals.logEntry as SandboxRequest).accountId = data.accountId;
    if (limiter) {
      // InLoox counts calls per key: a colleague's key in the same account has a budget of its own.
      const wait = limiter.take(keyHash);
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
      res.status(200).set('OData-Version', '4.0').json(serviceDocument(serviceBase, ENTITY_SETS));
      return;
    }
    readBody(
      req,
      (body) => handleODataRequest({ req, res, serviceBase, resourcePath, rawQuery, shape, body, data }, ENTITY_SETS),
      (error) => (error instanceof ODataError ? sendODataError(res, error) : next(error)),
    );
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
    shape,
    accounts,
    faults: {
      add: (rule) => faults.add(rule),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    requestLog: { entries: () => log.entries(), clear: () => log.clear() },
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
