/**
 * npm run validate: offline validation of the manifest templates and of build/ (see manifest/validate.ts).
 * --online additionally sends build/outlook-addin.xml to Microsoft's manifest validation service (office-addin-manifest).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { validateAddinXmlOnline } from '../manifest/addin-xml-office';
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
    try {
      const online = await validateAddinXmlOnline(xml);
      for (const line of online.lines) console.log(line);
      ok &&= online.ok;
    } catch (error) {
      console.error(`✗ online validation not possible: ${(error as Error).message.split('\n')[0]}`);
      ok = false;
    }
  }
}
process.exitCode = ok ? 0 : 1;
