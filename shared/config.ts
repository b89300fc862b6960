import { existsSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';

export const INLOOX_CLOUD_BASE_URL = 'https://app.inloox.com/api/odata/';

export interface AppConfig {
  /** local: no MicrosoftAppId, anonymous bot on loopback, embedded sandbox. production: bot auth on. */
  mode: 'local' | 'production';
  port: number;
  /** Operator configuration only; users can never choose the InLoox host. Always ends with "/". */
  inlooxBaseUrl: string;
  /** True when INLOOX_BASE_URL was not set in local mode: the embedded sandbox provides InLoox. */
  useEmbeddedSandbox: boolean;
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  microsoftAppTenantId?: string;
  microsoftAppType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** SQLite file path (default) or postgres:// URL. */
  databaseUrl: string;
  /** 32-byte key as base64 or hex; required in production, generated into dataDir in local mode. */
  keyEncryptionKey?: string;
  dataDir: string;
  sandboxPort: number;
  /** Per-API-key InLoox budget. */
  inlooxRateLimit: { calls: number; windowMs: number };
  inlooxTimeoutMs: number;
  /** Connect attempts per minute, per person and per client address (each attempt with a key asks InLoox). */
  connectAttempts: { perIdentity: number; perAddress: number };
  /** Public https origin of this server (manifests, links back); defaults to http://localhost:PORT. */
  publicBaseUrl: string;
  /** On SIGTERM, how long requests and bot turns in flight may still take before the process stops anyway. */
  drainTimeoutMs: number;
  /** How often each person's open tasks are checked for notifications (default 300 s; 30 s in local mode). */
  notifyIntervalMs: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new ConfigError(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`INLOOX_BASE_URL is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('INLOOX_BASE_URL must be http(s)');
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** Reads configuration from the environment; a .env file in the working directory is read too (real env wins). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { readDotenv?: boolean } = {}): AppConfig {
  if (options.readDotenv !== false && env === process.env && existsSync('.env'))
    loadDotenv({ path: '.env', quiet: true });
  const microsoftAppId = env.MicrosoftAppId?.trim() || undefined;
  const mode = microsoftAppId ? 'production' : 'local';
  const port = positiveInt(env, 'PORT', 3978);
  const sandboxPort = positiveInt(env, 'SANDBOX_PORT', 8787);
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const explicitBase = env.INLOOX_BASE_URL?.trim();
  const useEmbeddedSandbox = mode === 'local' && !explicitBase;
  const inlooxBaseUrl = explicitBase
    ? normalizeBaseUrl(explicitBase)
    : useEmbeddedSandbox
      ? `http://127.0.0.1:${sandboxPort}/api/odata/`
      : INLOOX_CLOUD_BASE_URL;
  const appType = env.MicrosoftAppType?.trim() || 'MultiTenant';
  if (appType !== 'MultiTenant' && appType !== 'SingleTenant' && appType !== 'UserAssignedMSI') {
    throw new ConfigError(`MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI, got "${appType}"`);
  }
  const keyEncryptionKey = env.KEY_ENCRYPTION_KEY?.trim() || undefined;
  if (mode === 'production' && !keyEncryptionKey) {
    throw new ConfigError(
      'KEY_ENCRYPTION_KEY is required in production (32 random bytes, base64). See docs/configuration.md.',
    );
  }
  return {
    mode,
    port,
    inlooxBaseUrl,
    useEmbeddedSandbox,
    microsoftAppId,
    microsoftAppPassword: env.MicrosoftAppPassword || undefined,
    microsoftAppTenantId: env.MicrosoftAppTenantId?.trim() || undefined,
    microsoftAppType: appType,
    databaseUrl: env.DATABASE_URL?.trim() || path.join(dataDir, 'inloox-m365.sqlite'),
    keyEncryptionKey,
    dataDir,
    sandboxPort,
    inlooxRateLimit: {
      calls: positiveInt(env, 'INLOOX_RATE_LIMIT', 100),
      windowMs: positiveInt(env, 'INLOOX_RATE_WINDOW_SECONDS', 60) * 1000,
    },
    inlooxTimeoutMs: positiveInt(env, 'INLOOX_TIMEOUT_MS', 15_000),
    connectAttempts: {
      perIdentity: positiveInt(env, 'CONNECT_ATTEMPTS_PER_MINUTE', 5),
      perAddress: positiveInt(env, 'CONNECT_ATTEMPTS_PER_ADDRESS_PER_MINUTE', 30),
    },
    publicBaseUrl: (env.PUBLIC_BASE_URL?.trim() || `http://localhost:${port}`).replace(/\/$/, ''),
    // Below the usual 30 s grace period of Kubernetes, Container Apps and App Service before SIGKILL.
    drainTimeoutMs: positiveInt(env, 'DRAIN_TIMEOUT_SECONDS', 25) * 1000,
    notifyIntervalMs: positiveInt(env, 'NOTIFY_INTERVAL_SECONDS', mode === 'local' ? 30 : 300) * 1000,
  };
}
