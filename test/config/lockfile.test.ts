import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};

/** Where npm would place `dependency` when it is required by the package installed at `from` (nearest first). */
function candidatePaths(from: string, dependency: string): string[] {
  const paths: string[] = [];
  let base = from;
  for (;;) {
    paths.push(`${base ? `${base}/` : ''}node_modules/${dependency}`);
    if (base === '') return paths;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent >= 0 ? base.slice(0, parent) : '';
  }
}

describe('package-lock.json', () => {
  it('lists every optional platform package, so `npm ci` accepts it and a fresh install leaves it unchanged', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(3);
    const missing: string[] = [];
    for (const [location, entry] of Object.entries(lock.packages)) {
      for (const dependency of Object.keys(entry.optionalDependencies ?? {})) {
        if (!candidatePaths(location, dependency).some((path) => path in lock.packages)) {
          missing.push(`${location || '(root)'} → ${dependency}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
