import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');

/**
 * Where browser tests save their screenshots: the committed ones in docs/ when UPDATE_SCREENSHOTS=1
 * (`UPDATE_SCREENSHOTS=1 npm test`), otherwise a temp folder, so a plain test run leaves the work tree clean.
 */
export function screenshotDir(): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? DOCS : path.join(os.tmpdir(), 'inloox-m365-screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
