import { describe, expect, it } from 'vitest';
import { planWorkers } from '../../server/cluster';
import { ConfigError, loadConfig } from '../../shared/config';

const production = {
  MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
  KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  DATABASE_URL: 'postgres://app:secret@db.example.com/inloox',
};
const plan = (env: NodeJS.ProcessEnv) => planWorkers(loadConfig(env, { readDotenv: false }), env);

describe('WEB_CONCURRENCY: how many server processes npm start runs', () => {
  it('one unless asked for more', () => {
    expect(plan(production)).toEqual({ workers: 1 });
    expect(plan({ ...production, WEB_CONCURRENCY: '1' })).toEqual({ workers: 1 });
  });

  it('N workers in production on PostgreSQL, and in local mode without sandbox and playground', () => {
    expect(plan({ ...production, WEB_CONCURRENCY: '4' })).toEqual({ workers: 4 });
    expect(
      plan({
        WEB_CONCURRENCY: '2',
        DATABASE_URL: production.DATABASE_URL,
        INLOOX_BASE_URL: 'http://127.0.0.1:8787/api/odata/',
        PLAYGROUND: 'off',
      }),
    ).toEqual({ workers: 2 });
  });

  it('local mode with the embedded sandbox or the Agents Playground stays one process and says why', () => {
    const sandbox = plan({ WEB_CONCURRENCY: '2', DATABASE_URL: production.DATABASE_URL, PLAYGROUND: 'off' });
    expect(sandbox.workers).toBe(1);
    expect(sandbox.note).toContain('WEB_CONCURRENCY=2 ignored');
    const playground = plan({
      WEB_CONCURRENCY: '2',
      DATABASE_URL: production.DATABASE_URL,
      INLOOX_BASE_URL: 'http://127.0.0.1:8787/api/odata/',
    });
    expect(playground.workers).toBe(1);
    expect(playground.note).toContain('Agents Playground');
  });

  it('refuses several workers on the SQLite file, and values that are not a worker count', () => {
    const sqlite = { ...production, DATABASE_URL: '/var/data/inloox.sqlite', WEB_CONCURRENCY: '2' };
    expect(() => plan(sqlite)).toThrow(ConfigError);
    expect(() => plan(sqlite)).toThrow('WEB_CONCURRENCY=2 needs PostgreSQL');
    for (const value of ['0', '-1', '1.5', 'max', '65']) {
      expect(() => plan({ ...production, WEB_CONCURRENCY: value })).toThrow(
        `WEB_CONCURRENCY must be a whole number from 1 to 64, got "${value}"`,
      );
    }
  });
});
