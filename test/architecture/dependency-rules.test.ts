/**
 * The import rules of .dependency-cruiser.mjs (run by `npm run lint`): each one must report a small tree that breaks
 * it, and a tree that only uses the allowed directions must pass.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let config: IConfiguration;
const trees: string[] = [];

beforeAll(async () => {
  config = (
    (await import(pathToFileURL(path.join(root, '.dependency-cruiser.mjs')).href)) as { default: IConfiguration }
  ).default;
});
afterAll(() => {
  for (const dir of trees) rmSync(dir, { recursive: true, force: true });
});

/** Writes the files (path → source) into a fresh directory and returns the rule violations dependency-cruiser finds. */
async function violationsOf(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dep-rules-'));
  trees.push(dir);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), source);
  }
  const { output } = await cruise(
    Object.keys(files)
      .map((f) => f.split('/')[0]!)
      .filter(unique),
    {
      ...config.options,
      baseDir: dir,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
    },
  );
  const result = output as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}

describe('dependency rules', () => {
  it('pass a tree that only uses the allowed directions', async () => {
    const violations = await violationsOf({
      'shared/config.ts': 'export const mode = "local";\n',
      'server/app-services.ts': 'import { mode } from "../shared/config";\nexport const services = { mode };\n',
      'server/api-errors.ts': 'export const sendError = () => 1;\n',
      'addin/server/router.ts':
        'import { services } from "../../server/app-services";\nimport { sendError } from "../../server/api-errors";\nexport const addin = [services, sendError];\n',
      'addin/web/pane.ts': 'import { mode } from "../../shared/config";\nexport const pane = mode;\n',
      'shared/errors/wire.ts': 'export interface ApiErrorBody { error: string }\n',
      'ui/api.ts': 'import type { ApiErrorBody } from "../shared/errors/wire";\nexport type Body = ApiErrorBody;\n',
      'server/request-identity.ts':
        'import type { ApiErrorBody } from "../shared/errors/wire";\nexport type Body = ApiErrorBody;\n',
      'server/app.ts': 'import { addin } from "../addin/server/router";\nexport const app = addin;\n',
      'server/main.ts':
        'import { app } from "./app";\nexport async function main() {\n  const { sandbox } = await import("../sandbox/server");\n  return [app, sandbox];\n}\n',
      'sandbox/server.ts': 'export const sandbox = 1;\n',
      'test/sandbox.test.ts': 'import { sandbox } from "../sandbox/server";\nexport const t = sandbox;\n',
    });
    expect(violations).toEqual([]);
  });

  it('no-circular reports an import circle, type-only imports included', async () => {
    const violations = await violationsOf({
      'server/app.ts':
        'import { createAddinRouter } from "../addin/server/router";\nexport interface Services { a: 1 }\nexport const app = createAddinRouter;\n',
      'addin/server/router.ts':
        'import type { Services } from "../../server/app";\nexport const createAddinRouter = (s: Services) => s;\n',
    });
    expect(violations).toContain('no-circular: addin/server/router.ts -> server/app.ts');
  });

  it('shared-is-pure reports shared/ importing a surface', async () => {
    const violations = await violationsOf({
      'shared/cards.ts': 'import { help } from "../bot/help";\nexport const cards = help;\n',
      'bot/help.ts': 'export const help = 1;\n',
    });
    expect(violations).toEqual(['shared-is-pure: shared/cards.ts -> bot/help.ts']);
  });

  it('browser-not-server reports browser code importing server code', async () => {
    const violations = await violationsOf({
      'tab/web/app.ts': 'import { TASK_LIMIT } from "../server/router";\nexport const limit = TASK_LIMIT;\n',
      'tab/server/router.ts': 'export const TASK_LIMIT = 100;\n',
      'ui/api.ts': 'import { sendError } from "../server/api-errors";\nexport const api = sendError;\n',
      'server/api-errors.ts': 'export const sendError = () => 1;\n',
    });
    expect(violations.sort()).toEqual([
      'browser-not-server: tab/web/app.ts -> tab/server/router.ts',
      'browser-not-server: ui/api.ts -> server/api-errors.ts',
    ]);
  });

  it('server-not-browser reports server code importing browser code', async () => {
    const violations = await violationsOf({
      'server/api-errors.ts': 'import type { ApiErrorBody } from "../ui/api";\nexport type Body = ApiErrorBody;\n',
      'ui/api.ts': 'export interface ApiErrorBody { error: string }\n',
      'addin/server/pages.ts': 'import { strings } from "../web/strings";\nexport const pages = strings;\n',
      'addin/web/strings.ts': 'export const strings = {};\n',
    });
    expect(violations.sort()).toEqual([
      'server-not-browser: addin/server/pages.ts -> addin/web/strings.ts',
      'server-not-browser: server/api-errors.ts -> ui/api.ts',
    ]);
  });

  it('routers-not-on-app reports a mounted router importing the app that mounts it', async () => {
    const violations = await violationsOf({
      'tab/server/router.ts': 'import type { Services } from "../../server/services";\nexport type Tab = Services;\n',
      'server/services.ts': 'export interface Services { a: 1 }\n',
    });
    expect(violations).toEqual(['routers-not-on-app: tab/server/router.ts -> server/services.ts']);
  });

  it('sandbox-only-in-local-mode reports product code other than the entry point importing the sandbox', async () => {
    const violations = await violationsOf({
      'server/app.ts': 'export async function app() {\n  return (await import("../sandbox/server")).sandbox;\n}\n',
      'sandbox/server.ts': 'export const sandbox = 1;\n',
    });
    expect(violations).toEqual(['sandbox-only-in-local-mode: server/app.ts -> sandbox/server.ts']);
  });
});
