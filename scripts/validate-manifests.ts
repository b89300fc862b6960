/**
 * npm run validate: offline validation of the manifest templates and of build/ (see manifest/validate.ts).
 * --online additionally runs Microsoft's web-service check (office-addin-manifest validate) on the XML manifest.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ADDIN_XML_FILE } from '../manifest/build';
import { BUILD_DIR, runValidate } from '../manifest/commands';

const result = await runValidate();
for (const line of result.lines) console.log(line);
let ok = result.ok;

if (process.argv.includes('--online')) {
  const xml = path.join(BUILD_DIR, ADDIN_XML_FILE);
  if (!existsSync(xml)) {
    console.error('--online needs build/outlook-addin.xml: run npm run package first');
    ok = false;
  } else {
    console.log('Online check (calls a Microsoft web service):');
    const online = spawnSync('npx', ['--yes', 'office-addin-manifest', 'validate', xml], { stdio: 'inherit' });
    ok &&= online.status === 0;
  }
}
process.exitCode = ok ? 0 : 1;
