/** The two databases every store runs on, for store suites that check both with the same tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type StartedPostgres } from './postgres';

export interface StoreEngine {
  name: 'SQLite' | 'PostgreSQL';
  /** A fresh database: a SQLite file in a temp folder, or a new database on the file's embedded PostgreSQL. */
  open: () => Promise<{ url: string; done: () => Promise<void> }>;
}

/** Call at the top of a test file: starts an embedded PostgreSQL for the file and stops it after. */
export function storeEngines(prefix: string): StoreEngine[] {
  let postgres: StartedPostgres | undefined;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 120_000);
  afterAll(async () => postgres?.stop());
  return [
    {
      name: 'SQLite',
      open: async () => {
        const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
        return { url: path.join(dir, `${prefix}.sqlite`), done: () => rm(dir, { recursive: true, force: true }) };
      },
    },
    {
      name: 'PostgreSQL',
      open: async () => ({
        url: await postgres!.createDatabase(`${prefix}_${Date.now()}`),
        done: async () => undefined,
      }),
    },
  ];
}
