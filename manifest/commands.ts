/** The work behind `npm run package` and `npm run validate`, callable from tests with their own env and folders. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { officeAddinReport } from './addin-xml-office';
import { ADDIN_XML_FILE, APP_PACKAGE_FILE, buildAppPackage, writeAppPackage, type AppPackage } from './build';
import { formatProblem, type Problem } from './schema';
import { validateAppPackage } from './validate';
import { PackagingError, resolvePackageValues } from './values';
import { readToolkitProject, TOOLKIT_YAML_FILES, TOOLKIT_YAML_VERSION } from './toolkit';
import { readZip } from './zip';

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BUILD_DIR = path.join(PROJECT_ROOT, 'build');

export async function appVersion(root = PROJECT_ROOT): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return String(pkg.version ?? '');
}

export interface CommandResult {
  ok: boolean;
  /** What to print, one line each. */
  lines: string[];
}

/** Fills the templates from `env`, validates, and writes the zip and the XML into `outDir` only when valid. */
export async function runPackage(env: NodeJS.ProcessEnv, outDir = BUILD_DIR): Promise<CommandResult> {
  let appPackage: AppPackage;
  try {
    appPackage = await buildAppPackage(resolvePackageValues(env, await appVersion()));
  } catch (error) {
    if (error instanceof PackagingError) return { ok: false, lines: [`Cannot package: ${error.message}`] };
    throw error;
  }
  const problems = await validateAppPackage(appPackage);
  if (problems.length > 0) {
    return {
      ok: false,
      lines: ['The package is not valid; nothing was written:', ...problems.map((p) => `  ${formatProblem(p)}`)],
    };
  }
  const { zipPath, xmlPath } = await writeAppPackage(appPackage, outDir);
  return {
    ok: true,
    lines: [
      `Wrote ${path.relative(process.cwd(), zipPath) || zipPath} (Teams admin center / Microsoft 365 admin center)`,
      `Wrote ${path.relative(process.cwd(), xmlPath) || xmlPath} (Outlook clients without unified manifest support)`,
    ],
  };
}

/** Documented sample values: lets `npm run validate` check the templates themselves without any configuration. */
export const EXAMPLE_ENV: NodeJS.ProcessEnv = {
  MicrosoftAppId: '00000000-0000-4000-8000-000000000001',
  PUBLIC_BASE_URL: 'https://inloox-bot.example.com',
  INLOOX_BASE_URL: 'https://inloox.example.com/api/v1/odata/',
};

/** Reads a written package back (zip + XML) exactly as an administrator would upload it. */
export async function readWrittenPackage(zipPath: string, xmlPath: string): Promise<AppPackage> {
  return { files: readZip(await readFile(zipPath)), addinXml: await readFile(xmlPath, 'utf8') };
}

function report(label: string, problems: Problem[], summary?: string): string[] {
  const read = summary ? [`  ${ADDIN_XML_FILE} as office-addin-manifest reads it: ${summary}`] : [];
  if (problems.length === 0) return [`✓ ${label}: valid`, ...read];
  return [`✗ ${label}: ${problems.length} problem(s)`, ...problems.map((p) => `  ${formatProblem(p)}`), ...read];
}

/** All offline checks of one package: the package validation and office-addin-manifest's reading of the XML. */
async function checkPackage(appPackage: AppPackage): Promise<{ problems: Problem[]; summary?: string }> {
  const office = await officeAddinReport(appPackage.addinXml, appPackage.files.get('manifest.json'));
  return { problems: [...(await validateAppPackage(appPackage)), ...office.problems], summary: office.summary };
}

/**
 * Validates offline: the templates filled with sample values, and the written package in `buildDir` when there
 * is one (what will really be uploaded).
 */
export async function runValidate(buildDir = BUILD_DIR): Promise<CommandResult> {
  const lines: string[] = [];
  let ok = true;
  const templates = await buildAppPackage(resolvePackageValues(EXAMPLE_ENV, await appVersion()));
  const checked = await checkPackage(templates);
  ok &&= checked.problems.length === 0;
  lines.push(...report('templates (filled with sample values)', checked.problems, checked.summary));

  for (const file of TOOLKIT_YAML_FILES) {
    const { problems } = readToolkitProject(PROJECT_ROOT, file);
    ok &&= problems.length === 0;
    lines.push(...report(`${file} (Agents Toolkit YAML schema ${TOOLKIT_YAML_VERSION})`, problems));
  }

  const zipPath = path.join(buildDir, APP_PACKAGE_FILE);
  const xmlPath = path.join(buildDir, ADDIN_XML_FILE);
  if (existsSync(zipPath) || existsSync(xmlPath)) {
    if (!existsSync(zipPath) || !existsSync(xmlPath)) {
      ok = false;
      lines.push(`✗ ${buildDir}: needs both ${APP_PACKAGE_FILE} and ${ADDIN_XML_FILE}; run npm run package`);
    } else {
      let result: { problems: Problem[]; summary?: string };
      try {
        result = await checkPackage(await readWrittenPackage(zipPath, xmlPath));
      } catch (error) {
        result = { problems: [{ file: APP_PACKAGE_FILE, message: `cannot be read: ${(error as Error).message}` }] };
      }
      ok &&= result.problems.length === 0;
      const label = `${path.relative(process.cwd(), buildDir) || buildDir}/ (the package to upload)`;
      lines.push(...report(label, result.problems, result.summary));
    }
  } else {
    lines.push(
      `  (no package in ${path.relative(process.cwd(), buildDir) || buildDir}/ yet: npm run package writes one)`,
    );
  }
  return { ok, lines };
}
