/**
 * Entry point of `npm start`, the only place that listens.
 * Local mode (no MicrosoftAppId): embedded InLoox sandbox with demo data, anonymous bot on loopback,
 * the Agents Playground as Teams-like client. Production: bot authentication on, real InLoox.
 */
import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from '../shared/config';
import { createApp } from './app';
import { RequestDrain } from './drain';
import { startPlayground, type RunningPlayground } from './playground';
import { startNotifications } from './notifications';
import { createServices, type RunningServices } from './services';
import { logger } from './telemetry/logger';
import { startTelemetry } from './telemetry/sdk';

interface Stoppable {
  name: string;
  stop(): Promise<unknown>;
}

function listen(server: Server, port: number, host: string, what: string, envName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new StartError(
            `Port ${port} (${what}) is already in use. Choose another one, e.g. ${envName}=${port + 1} npm start`,
          ),
        );
      } else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

class StartError extends Error {}

async function startEmbeddedSandbox(config: AppConfig): Promise<Stoppable & { baseUrl: string; keys: string[] }> {
  const { createSandbox } = await import('../sandbox/server');
  const keys = process.env.SANDBOX_KEYS?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const sandbox = createSandbox({
    dataDir: process.env.SANDBOX_DATA_DIR
      ? path.resolve(process.env.SANDBOX_DATA_DIR)
      : path.join(config.dataDir, 'sandbox'),
    ...(keys?.length ? { keys } : {}),
  });
  try {
    const running = await sandbox.listen(config.sandboxPort, '127.0.0.1');
    return {
      name: 'sandbox',
      baseUrl: running.baseUrl,
      keys: sandbox.accounts.map((a) => a.apiKey),
      stop: () => running.close(),
    };
  } catch (error) {
    await sandbox.close?.();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartError(
        `Port ${config.sandboxPort} (InLoox sandbox) is already in use. Choose another one, e.g. SANDBOX_PORT=${config.sandboxPort + 1} npm start`,
      );
    }
    throw error;
  }
}

function printBanner(
  config: AppConfig,
  extras: { sandboxKeys?: string[]; playground?: RunningPlayground; playgroundPort?: number },
): void {
  const base = `http://localhost:${config.port}`;
  const lines =
    config.mode === 'local'
      ? [
          'InLoox for Microsoft 365 — local mode',
          '',
          `  Teams bot         ${base}/api/messages (anonymous, loopback only)`,
          extras.playground
            ? `  Agents Playground ${extras.playground.url}   ← chat with the bot here (Teams-like client)${
                extras.playground.port === extras.playgroundPort
                  ? ''
                  : ` (port ${extras.playgroundPort} was busy; PLAYGROUND_PORT= chooses another)`
              }`
            : extras.playgroundPort
              ? '  Agents Playground not started (see the message above)'
              : '  Agents Playground off (PLAYGROUND=off)',
          `  Outlook add-in    ${base}/dev/outlook   ← sample mails with the real task pane`,
          `  Teams tab         ${base}/tab/`,
          `  Health            ${base}/healthz`,
          config.useEmbeddedSandbox
            ? `  InLoox sandbox    ${config.inlooxBaseUrl} (demo data in ${path.join(config.dataDir, 'sandbox')})`
            : `  InLoox            ${config.inlooxBaseUrl}`,
          ...(extras.sandboxKeys?.length
            ? [`  Demo API keys     ${extras.sandboxKeys.join(', ')}   ← paste one into "Connect"`]
            : []),
          '  Identity          the development identity (see docs/security.md)',
          '',
          '  Real InLoox:   INLOOX_BASE_URL=https://app.inloox.com/api/odata/ npm start',
          '  Production:    set MicrosoftAppId, MicrosoftAppPassword and KEY_ENCRYPTION_KEY (docs/deploy.md)',
          '  Stop:          Ctrl-C',
        ]
      : [
          'InLoox for Microsoft 365 — production mode',
          `  Listening on port ${config.port}; bot endpoint /api/messages (authenticated), InLoox at ${config.inlooxBaseUrl}`,
        ];
  console.log(`\n${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const running: Stoppable[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) {
      // A second Ctrl-C or SIGTERM: the person or the orchestrator does not want to wait for the drain.
      process.exit(code || 1);
    }
    stopping = true;
    for (const part of running.reverse()) {
      await part
        .stop()
        .catch((error) => logger.warn({ event: 'stop_failed', part: part.name, message: (error as Error).message }));
    }
    process.exit(code);
  };
  // A worker of several (server/cluster.ts) is stopped by its primary, which also escalates: a signal that reaches
  // it twice (the terminal's group and the primary) must not cut the drain short.
  const onSignal = cluster.isWorker ? () => void (stopping || stopAll(0)) : () => void stopAll(0);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const telemetry = await startTelemetry(process.env, process.env.npm_package_version);
    // Stopped last (parts stop in reverse order), so the spans of the final requests are still sent.
    running.push({ name: 'telemetry', stop: () => telemetry.shutdown() });
    if (process.env.LOG_LEVEL?.trim()) logger.level = process.env.LOG_LEVEL.trim(); // may come from .env
    if (telemetry.mode !== 'off') logger.info({ event: 'telemetry_started', mode: telemetry.mode });

    let sandboxKeys: string[] | undefined;
    if (config.useEmbeddedSandbox) {
      const sandbox = await startEmbeddedSandbox(config);
      running.push(sandbox);
      sandboxKeys = sandbox.keys;
    }
    const services: RunningServices = await createServices(config);
    running.push({ name: 'connection store', stop: () => services.close() });

    services.jobs.push(
      await startNotifications({
        config,
        connections: services.connections,
        store: services.notify,
        ...(services.pool ? { pool: services.pool } : {}),
      }),
    );
    const drain = new RequestDrain();
    for (const job of services.jobs) drain.addJob(job);
    const app = createApp(services, { checks: services.readiness, drain });
    const host = config.mode === 'local' ? '127.0.0.1' : '0.0.0.0';
    const httpServer = createServer(app);
    await listen(httpServer, config.port, host, 'server', 'PORT');
    const server: Stoppable = {
      name: 'server',
      stop: async () => {
        const seconds = config.drainTimeoutMs / 1000;
        if (drain.inFlight)
          console.log(`Stopping: finishing ${drain.inFlight} request(s) in flight (up to ${seconds} s)`);
        const { completed, abandoned } = await drain.drain(httpServer, config.drainTimeoutMs);
        if (!completed) console.warn(`${abandoned} request(s) still running after DRAIN_TIMEOUT_SECONDS=${seconds}`);
      },
    };
    running.push(server);

    let playground: RunningPlayground | undefined;
    let playgroundPort: number | undefined;
    if (config.mode === 'local' && process.env.PLAYGROUND !== 'off') {
      const port = Number(process.env.PLAYGROUND_PORT || 56150);
      playgroundPort = port;
      playground = await startPlayground({
        botEndpoint: `http://127.0.0.1:${config.port}/api/messages`,
        port,
        dataDir: config.dataDir,
      }).catch((error: Error) => {
        console.warn(
          `The Agents Playground could not start (${error.message.split('\n')[0]}); set PLAYGROUND_PORT to another port.`,
        );
        return undefined;
      });
      // Stopped after the server has drained: turns in flight still answer through the playground.
      if (playground) {
        running.splice(running.indexOf(server), 0, { name: 'Agents Playground', stop: () => playground!.stop() });
      }
    }
    // With several workers the first one speaks for all (the primary names them).
    if (!cluster.isWorker || cluster.worker?.id === 1) printBanner(config, { sandboxKeys, playground, playgroundPort });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StartError) console.error(`Cannot start: ${error.message}`);
    else logger.error({ event: 'start_failed', name: (error as Error)?.name, message: (error as Error)?.message });
    await stopAll(1);
  }
}

void main();
