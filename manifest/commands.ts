/** The work behind `npm run package` and `npm run validate`, callable from tests with their own env and folders. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDIN_XML_FILE, APP_PACKAGE_FILE, buildAppPackage, writeAppPackage, type AppPackage } from './build';
import { formatProblem, type Problem } from './schema';
import { validateAppPackage } from './validate';
import { PackagingError, resolvePackageValues } from './values';
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

function report(label: string, problems: Problem[]): string[] {
  if (problems.length === 0) return [`✓ ${label}: valid`];
  return [`✗ ${label}: ${problems.length} problem(s)`, ...problems.map((p) => `  ${formatProblem(p)}`)];
}

/**
 * Validates offline: the templates filled with sample values, and the written package in `buildDir` when there
 * is one (what will really be uploaded).
 */
export async function runValidate(buildDir = BUILD_DIR): Promise<CommandResult> {
  const lines: string[] = [];
  let ok = true;
  const templates = await buildAppPackage(resolvePackageValues(EXAMPLE_ENV, await appVersion()));
  const templateProblems = await validateAppPackage(templates);
  ok &&= templateProblems.length === 0;
  lines.push(...report('templates (filled with sample values)', templateProblems));

  const zipPath = path.join(buildDir, APP_PACKAGE_FILE);
  const xmlPath = path.join(buildDir, ADDIN_XML_FILE);
  if (existsSync(zipPath) || existsSync(xmlPath)) {
    if (!existsSync(zipPath) || !existsSync(xmlPath)) {
      ok = false;
      lines.push(`✗ ${buildDir}: needs both ${APP_PACKAGE_FILE} and ${ADDIN_XML_FILE}; run npm run package`);
    } else {
      let problems: Problem[];
      try {
        problems = await validateAppPackage(await readWrittenPackage(zipPath, xmlPath));
      } catch (error) {
        problems = [{ file: APP_PACKAGE_FILE, message: `cannot be read: ${(error as Error).message}` }];
      }
      ok &&= problems.length === 0;
      lines.push(...report(`${path.relative(process.cwd(), buildDir) || buildDir}/ (the package to upload)`, problems));
    }
  } else {
    lines.push(
      `  (no package in ${path.relative(process.cwd(), buildDir) || buildDir}/ yet: npm run package writes one)`,
    );
  }
  return { ok, lines };
}
