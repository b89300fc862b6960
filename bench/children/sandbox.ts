/**
 * The InLoox sandbox in its own process. BENCH_SANDBOX_KEYS: comma-separated API keys (one account each);
 * BENCH_SANDBOX_LIMIT: "calls/windowMs" or "off". Also records the names of created tasks in the order their
 * POST Task bodies arrived, so the throttle benchmark can check that writes keep their order.
 */
import express from 'express';
import { createSandbox } from '../../sandbox/server';
import { serveCommands } from '../lib/serve';

const keys = (process.env.BENCH_SANDBOX_KEYS ?? '')
  .split(',')
  .map((key) => key.trim())
  .filter(Boolean);
const limitSpec = process.env.BENCH_SANDBOX_LIMIT ?? 'off';
const [calls, windowMs] = limitSpec.split('/').map(Number);
const rateLimit = limitSpec === 'off' ? false : { calls: calls!, windowMs: windowMs! };

const started = performance.now();
const sandbox = createSandbox({ ...(keys.length ? { keys } : {}), rateLimit });
const seedMs = Math.round(performance.now() - started);

const taskWrites: { name: string; at: number }[] = [];
const outer = express();
outer.disable('x-powered-by');
outer.use((req, _res, next) => {
  if (req.method === 'POST' && /\/odata\/Task$/.test(req.path)) {
    // A second listener next to the sandbox's own: both are attached in this tick, so both see every chunk.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Name?: string };
        taskWrites.push({ name: String(body.Name ?? ''), at: Date.now() });
      } catch {
        taskWrites.push({ name: '(unreadable)', at: Date.now() });
      }
    });
  }
  next();
});
outer.use(sandbox.app);

const server = outer.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serveCommands(
    {
      baseUrl: `http://127.0.0.1:${port}/api/odata/`,
      keys: sandbox.accounts.map((account) => account.apiKey),
      accounts: sandbox.accounts.length,
      seedMs,
    },
    {
      log: () =>
        sandbox.requestLog
          .entries()
          .filter((entry) => !entry.url.startsWith('/_sandbox'))
          .map(({ method, url, status, accountId, timestamp }) => ({ method, url, status, accountId, timestamp })),
      clear: () => {
        sandbox.requestLog.clear();
        taskWrites.length = 0;
        return true;
      },
      writes: () => [...taskWrites],
      cpu: () => process.cpuUsage(),
      resetRateLimit: () => {
        sandbox.resetRateLimit();
        return true;
      },
    },
    async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
    },
  );
});
server.keepAliveTimeout = 30_000;
