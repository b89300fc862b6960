/**
 * GET /healthz (the process is alive and serving) and GET /readyz (it can do its work: database reachable,
 * encryption key loaded, InLoox base URL configured, not shutting down). Load balancers and orchestrators send
 * traffic on /readyz and restart on /healthz, so a database outage takes the instance out of rotation without
 * restarting it.
 */
import express, { type Router } from 'express';
import type { AppConfig } from '../shared/config';

export interface ReadinessCheck {
  /** Stable name, reported in the /readyz body. */
  name: string;
  /** Resolves to true when ready; false or a rejection (or no answer in time) means not ready. */
  run(): Promise<boolean> | boolean;
}

/** A check that takes longer than this counts as failed, so a hanging database cannot hang the probe. */
export const CHECK_TIMEOUT_MS = 2_000;

export type CheckResult = 'ok' | 'failed';

export interface ReadinessReport {
  status: 'ready' | 'not_ready' | 'draining';
  checks: Record<string, CheckResult>;
  /** The names of the failed checks; empty when ready. */
  failed: string[];
}

export function inlooxBaseUrlCheck(config: Pick<AppConfig, 'inlooxBaseUrl'>): ReadinessCheck {
  return {
    name: 'inloox_base_url',
    run: () => URL.canParse(config.inlooxBaseUrl) && /^https?:$/.test(new URL(config.inlooxBaseUrl).protocol),
  };
}

/** The key store's database and its encryption key: without either no InLoox connection can be used. */
export function keyStoreChecks(store: { ping(): Promise<void>; keyLoaded(): boolean }): ReadinessCheck[] {
  return [
    { name: 'database', run: async () => (await store.ping(), true) },
    { name: 'encryption_key', run: () => store.keyLoaded() },
  ];
}

async function outcome(check: ReadinessCheck): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    // Only the outcome is reported: error messages can carry connection strings or host names.
    return (await Promise.race([Promise.resolve().then(() => check.run()), timeout])) === true ? 'ok' : 'failed';
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(checks: ReadinessCheck[], draining: boolean): Promise<ReadinessReport> {
  const results = await Promise.all(checks.map(async (check) => [check.name, await outcome(check)] as const));
  const failed = results.filter(([, result]) => result === 'failed').map(([name]) => name);
  return {
    status: draining ? 'draining' : failed.length ? 'not_ready' : 'ready',
    checks: Object.fromEntries(results),
    failed,
  };
}

export interface HealthOptions {
  mode: AppConfig['mode'];
  checks: ReadinessCheck[];
  /** True once shutdown began: /readyz answers 503 so no new traffic is routed here. */
  draining: () => boolean;
}

export function healthRouter(options: HealthOptions): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok', mode: options.mode });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness(options.checks, options.draining());
    res
      .status(report.status === 'ready' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(report);
  });
  return router;
}
