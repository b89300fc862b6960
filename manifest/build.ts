import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { APP_ICONS, ICONS_DIR } from './icons';
import { escapeJsonString, escapeXml, fillTemplate, type PackageValues } from './values';

export const TEMPLATES_DIR = fileURLToPath(new URL('./templates/', import.meta.url));
export const APP_PACKAGE_FILE = 'appPackage.zip';
export const ADDIN_XML_FILE = 'outlook-addin.xml';

/** What an administrator uploads: the app zip's entries (manifest, localization, icons) and the XML add-in manifest. */
export interface AppPackage {
  /** Zip entries by name, in zip order; manifest.json first. */
  files: Map<string, Buffer>;
  addinXml: string;
}

/** Localization files next to manifest.json in the templates folder (everything but the manifests). */
const LOCALIZATION_FILES = ['de.json'];

/** The link-unfurling domains list is "cloud + configured host": drop the repeat when both are the cloud. */
function dedupeStringArrays(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(dedupeStringArrays);
    return items.every((item) => typeof item === 'string') ? [...new Set(items)] : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, dedupeStringArrays(item)]));
  }
  return value;
}

function fillJson(template: string, values: PackageValues): Buffer {
  const filled = JSON.parse(fillTemplate(template, values, escapeJsonString)) as unknown;
  return Buffer.from(`${JSON.stringify(dedupeStringArrays(filled), null, 2)}\n`, 'utf8');
}

/** Fills the templates from `values` and collects the icons; nothing is written. */
export async function buildAppPackage(values: PackageValues, templatesDir = TEMPLATES_DIR): Promise<AppPackage> {
  const files = new Map<string, Buffer>();
  files.set('manifest.json', fillJson(await readFile(path.join(templatesDir, 'manifest.json'), 'utf8'), values));
  for (const name of LOCALIZATION_FILES) {
    files.set(name, fillJson(await readFile(path.join(templatesDir, name), 'utf8'), values));
  }
  for (const icon of APP_ICONS) files.set(icon.file, await readFile(path.join(ICONS_DIR, icon.file)));
  const addinXml = fillTemplate(await readFile(path.join(templatesDir, ADDIN_XML_FILE), 'utf8'), values, escapeXml);
  return { files, addinXml };
}

/** A fixed timestamp keeps the zip byte-identical for identical input (reproducible uploads). */
const ZIP_MTIME = new Date('2024-01-01T00:00:00Z');

export function zipAppPackage(files: Map<string, Buffer>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, content] of files) zip.addBuffer(content, name, { mtime: ZIP_MTIME, mode: 0o100644 });
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Writes `<outDir>/appPackage.zip` and `<outDir>/outlook-addin.xml`; returns their paths. */
export async function writeAppPackage(
  appPackage: AppPackage,
  outDir: string,
): Promise<{ zipPath: string; xmlPath: string }> {
  await mkdir(outDir, { recursive: true });
  const zipPath = path.join(outDir, APP_PACKAGE_FILE);
  const xmlPath = path.join(outDir, ADDIN_XML_FILE);
  await writeFile(zipPath, await zipAppPackage(appPackage.files));
  await writeFile(xmlPath, appPackage.addinXml, 'utf8');
  return { zipPath, xmlPath };
}
