/**
 * The product server as server/main.ts wires it (createServices + createApp), configured only through the
 * environment (INLOOX_BASE_URL, DATABASE_URL, KEY_ENCRYPTION_KEY, INLOOX_RATE_LIMIT, …), on 127.0.0.1:0.
 */
import { createServer } from 'node:http';
import { readRun, startProfile, startRun, stopProfile, trace, watchServer } from '../lib/diagnostics';
import { memoryMap } from '../lib/memory-map';
import { measuredMemory, serveCommands } from '../lib/serve';

const { createApp } = await import('../../server/app');
const { createServices } = await import('../../server/services');
const { loadConfig } = await import('../../shared/config');

const config = loadConfig(process.env, { readDotenv: false });
const services = await createServices(config);
const server = createServer(createApp(services));
server.keepAliveTimeout = 30_000;
watchServer(server);
// Quiet: the bot logs one line per failed turn; a benchmark counts failures itself.
const warnings: string[] = [];
console.warn = (...args: unknown[]) => void (warnings.length < 20 && warnings.push(args.map(String).join(' ')));

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serveCommands(
    { baseUrl: `http://127.0.0.1:${port}`, pid: process.pid },
    {
      // V8 hands the pages a full collection freed back to the system on a background thread, within about a
      // second; sampled at once they still counted (20–110 MB more, different in every run).
      memory: async () => {
        measuredMemory();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return measuredMemory();
      },
      memoryMap: () => memoryMap(),
      cpu: () => process.cpuUsage(),
      runStart: () => startRun(),
      runRead: () => readRun(),
      profileStart: () => startProfile(),
      profileStop: () => stopProfile(),
      trace: () => [...trace],
      warnings: () => [...warnings],
    },
    async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  );
});
