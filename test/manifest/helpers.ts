import { buildAppPackage, type AppPackage } from '../../manifest/build';
import { resolvePackageValues, type PackageValues } from '../../manifest/values';

export const BOT_ID = '0b1e2d3c-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
export const SSO_APP_ID = 'c0ffee00-1234-4abc-9def-0123456789ab';
export const BASE_URL = 'https://inloox-bot.example.com';

export function testValues(overrides: NodeJS.ProcessEnv = {}): PackageValues {
  return resolvePackageValues(
    {
      MicrosoftAppId: BOT_ID,
      PUBLIC_BASE_URL: BASE_URL,
      INLOOX_BASE_URL: 'https://inloox.contoso.org/api/v1/odata/',
      ...overrides,
    },
    '1.4.2',
  );
}

export function testPackage(overrides: NodeJS.ProcessEnv = {}): Promise<AppPackage> {
  return buildAppPackage(testValues(overrides));
}

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function manifestOf(appPackage: AppPackage, file = 'manifest.json'): Json {
  const content = appPackage.files.get(file);
  if (!content) throw new Error(`${file} missing`);
  return JSON.parse(content.toString('utf8')) as Json;
}

/** A copy of the package with manifest.json (or another JSON entry) changed by `edit`. */
export function withJson(appPackage: AppPackage, edit: (manifest: Json) => void, file = 'manifest.json'): AppPackage {
  const manifest = manifestOf(appPackage, file);
  edit(manifest);
  const files = new Map(appPackage.files);
  files.set(file, Buffer.from(JSON.stringify(manifest, null, 2)));
  return { files, addinXml: appPackage.addinXml };
}

export function withXml(appPackage: AppPackage, edit: (xml: string) => string): AppPackage {
  const addinXml = edit(appPackage.addinXml);
  if (addinXml === appPackage.addinXml) throw new Error('the XML edit changed nothing');
  return { files: new Map(appPackage.files), addinXml };
}
