import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, readWrittenPackage, runPackage, runValidate } from '../../manifest/commands';
import { TOOLKIT_SCHEMAS_DIR, validateAgainstSchema } from '../../manifest/schema';
import {
  expandToolkitPlaceholders,
  readToolkitProject,
  toolkitPlaceholders,
  TOOLKIT_YAML_FILES,
  validateToolkitYaml,
  type ToolkitAction,
  type ToolkitProject,
} from '../../manifest/toolkit';
import { formatProblem, validateAppPackage } from '../../manifest/validate';
import { manifestOf, testPackage } from './helpers';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const ENVIRONMENTS: Record<string, string> = { 'm365agents.yml': 'dev', 'm365agents.local.yml': 'local' };

function project(file: string): ToolkitProject {
  const { project: parsed, problems } = readToolkitProject(PROJECT_ROOT, file);
  expect(problems.map(formatProblem)).toEqual([]);
  return parsed!;
}

function stages(parsed: ToolkitProject): [string, ToolkitAction[]][] {
  return Object.entries({ provision: parsed.provision, deploy: parsed.deploy, publish: parsed.publish }).filter(
    (entry): entry is [string, ToolkitAction[]] => Array.isArray(entry[1]),
  );
}

/** The variables an environment's sample files define (what a developer starts from). */
function sampleEnv(environment: string): Record<string, string> {
  return {
    ...parseEnv(read(`env/.env.${environment}.sample`)),
    ...parseEnv(read(`env/.env.${environment}.user.sample`)),
  };
}

/** What the environment holds after provision: the samples plus ids the Toolkit and the Bicep outputs write. */
function provisionedEnv(environment: string): Record<string, string> {
  return {
    ...sampleEnv(environment),
    TEAMS_APP_ID: '7d2e7c1a-3c55-4f0a-9d7e-5a8f2b1c0d9e',
    AAD_APP_CLIENT_ID: 'c0ffee00-1234-4abc-9def-0123456789ab',
    AAD_APP_OBJECT_ID: 'a1b2c3d4-0000-4000-8000-00000000000a',
    AAD_APP_ACCESS_AS_USER_PERMISSION_ID: 'b1b2c3d4-0000-4000-8000-00000000000b',
    BOT_ID: '0b1e2d3c-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    BOT_DOMAIN: 'inlooxab12cd.azurewebsites.net',
    BOT_ENDPOINT: 'https://inlooxab12cd.azurewebsites.net',
    INLOOX_BASE_URL: 'https://inloox.contoso.org/api/v1/odata/',
  };
}

/** The `npm run package` step of a stage, with its environment as the Toolkit expands it. */
function packageStep(actions: ToolkitAction[], env: Record<string, string>) {
  const step = actions.find(
    (action) => action.uses === 'cli/runNpmCommand' && /run package/.test(String(action.with?.args)),
  );
  if (!step) return undefined;
  const args = expandToolkitPlaceholders(String(step.with?.args), env);
  const out = /^run package -- --out (\S+)$/.exec(args)?.[1];
  const stepEnv = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([name, value]) => [name, expandToolkitPlaceholders(value, env)]),
  );
  return { out, env: stepEnv };
}

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'inloox-toolkit-test-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('Agents Toolkit project files', () => {
  it('validate against the Toolkit YAML schema and declare its version', () => {
    for (const file of TOOLKIT_YAML_FILES) {
      const parsed = project(file);
      expect(parsed.version).toBe('v1.13');
      expect(parsed.provision?.length).toBeGreaterThan(3);
      expect(parsed.deploy?.length).toBeGreaterThan(0);
    }
  });

  it('reports a misspelt action parameter and an unknown action against the schema', () => {
    const text = read('m365agents.yml');
    const misspelt = validateToolkitYaml(text.replace('appPackagePath:', 'appPackagePth:'), 'm365agents.yml');
    expect(misspelt.problems.map(formatProblem).join('\n')).toMatch(/appPackagePth/);
    const unknown = validateToolkitYaml(text.replace('uses: teamsApp/update', 'uses: teamsApp/upload'), 'x.yml');
    expect(unknown.problems.length).toBeGreaterThan(0);
    const broken = validateToolkitYaml('provision:\n  - uses: [', 'x.yml');
    expect(broken.problems[0]?.message).toMatch(/not valid YAML/);
  });

  it('never builds a second app package: every Teams app step uses the zip of npm run package', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.package).toBe('tsx scripts/package.ts');
    for (const file of TOOLKIT_YAML_FILES) {
      const env = provisionedEnv(ENVIRONMENTS[file]!);
      for (const [stage, actions] of stages(project(file))) {
        expect(actions.map((a) => a.uses)).not.toContain('teamsApp/zipAppPackage');
        const teamsSteps = actions.filter((a) => a.uses.startsWith('teamsApp/') && a.with?.appPackagePath);
        if (teamsSteps.length === 0) continue;
        const step = packageStep(actions, env);
        expect(step, `${file} ${stage} runs npm run package`).toBeDefined();
        const packageIndex = actions.findIndex((a) => a.uses === 'cli/runNpmCommand');
        for (const teamsStep of teamsSteps) {
          expect(actions.indexOf(teamsStep)).toBeGreaterThan(packageIndex);
          expect(expandToolkitPlaceholders(String(teamsStep.with?.appPackagePath), env)).toBe(
            `./${step!.out}/appPackage.zip`,
          );
        }
      }
    }
  });

  it('builds with the Toolkit the same valid package as npm run package, with SSO matching the Entra app', async () => {
    const env = provisionedEnv('dev');
    const step = packageStep(project('m365agents.yml').provision!, env)!;
    expect(Object.keys(step.env).sort()).toEqual(
      ['INLOOX_BASE_URL', 'MicrosoftAppId', 'PUBLIC_BASE_URL', 'SSO_APP_ID', 'TEAMS_APP_ID'].sort(),
    );
    const viaToolkit = await runPackage(step.env, path.join(outDir, 'toolkit'));
    expect(viaToolkit.lines).toEqual(expect.arrayContaining([expect.stringContaining('appPackage.zip')]));
    expect(viaToolkit.ok).toBe(true);
    const manual = await runPackage(
      {
        MicrosoftAppId: env.BOT_ID,
        PUBLIC_BASE_URL: env.BOT_ENDPOINT,
        TEAMS_APP_ID: env.TEAMS_APP_ID,
        SSO_APP_ID: env.AAD_APP_CLIENT_ID,
        INLOOX_BASE_URL: env.INLOOX_BASE_URL,
      },
      path.join(outDir, 'manual'),
    );
    expect(manual.ok).toBe(true);
    const zip = (dir: string) => readFile(path.join(outDir, dir, 'appPackage.zip'));
    expect((await zip('toolkit')).equals(await zip('manual'))).toBe(true);

    const written = await readWrittenPackage(
      path.join(outDir, 'toolkit', 'appPackage.zip'),
      path.join(outDir, 'toolkit', 'outlook-addin.xml'),
    );
    expect((await validateAppPackage(written)).map(formatProblem)).toEqual([]);
    const manifest = manifestOf(written);
    expect(manifest.id).toBe(env.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(env.BOT_ID);

    const entra = JSON.parse(expandToolkitPlaceholders(read('infra/entra/sso.manifest.json'), env));
    expect(entra.appId).toBe(manifest.webApplicationInfo.id);
    expect(entra.identifierUris).toEqual([manifest.webApplicationInfo.resource]);
    expect(entra.api.oauth2PermissionScopes[0].value).toBe('access_as_user');
  });

  it('defines every ${{variable}} it uses in the env samples or writes it in an earlier step', () => {
    const bicepOutputs = [...read('infra/azure.bicep').matchAll(/^output (\w+) /gm)].map((m) => m[1]);
    for (const file of TOOLKIT_YAML_FILES) {
      const environment = ENVIRONMENTS[file]!;
      const defined = new Set(Object.keys(sampleEnv(environment)));
      const parsed = project(file);
      const written = stages(parsed).flatMap(([, actions]) =>
        actions.flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {})),
      );
      const usesArm = stages(parsed).some(([, actions]) => actions.some((a) => a.uses === 'arm/deploy'));
      // A variable written during provision must have its line in the sample, so people know it is generated.
      for (const name of written) expect(defined, `${name} in env/.env.${environment}.sample`).toContain(name);
      if (usesArm) for (const name of bicepOutputs) expect(defined).toContain(name);
      const texts = [read(file), read('infra/entra/sso.manifest.json')];
      if (usesArm) texts.push(read('infra/azure.parameters.json'));
      for (const name of texts.flatMap(toolkitPlaceholders)) {
        expect(defined, `${name} used by ${file} is defined for ${environment}`).toContain(name);
      }
    }
  });

  it('keeps secrets out of files: every secure Bicep parameter comes from a SECRET_ variable', () => {
    const bicep = read('infra/azure.bicep');
    const params = new Map<string, { secure: boolean; hasDefault: boolean }>();
    let decorators: string[] = [];
    for (const line of bicep.split('\n').map((l) => l.trim())) {
      const param = /^param (\w+) \w+( = .*)?$/.exec(line);
      if (param) params.set(param[1]!, { secure: decorators.includes('@secure()'), hasDefault: Boolean(param[2]) });
      decorators = line.startsWith('@') ? [...decorators, line] : [];
    }
    expect(params.get('keyEncryptionKey')?.secure).toBe(true);
    expect(params.get('postgresAdminPassword')?.secure).toBe(true);
    const given = (
      JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: unknown }> }
    ).parameters;
    for (const [name, { value }] of Object.entries(given)) {
      expect(params.has(name), `${name} is a parameter of azure.bicep`).toBe(true);
      if (params.get(name)?.secure) expect(value).toMatch(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/);
    }
    for (const [name, { hasDefault }] of params) {
      if (!hasDefault) expect(Object.keys(given), `${name} needs a value`).toContain(name);
    }
    for (const environment of ['dev', 'local']) {
      for (const [name, value] of Object.entries(sampleEnv(environment))) {
        if (name.startsWith('SECRET_')) expect(value, `${name} in a sample`).toBe('');
      }
    }
  });
});

describe('app package against the Toolkit schemas and office-addin-manifest', () => {
  it('validates manifest.json and de.json with the Teams schemas the Toolkit ships', async () => {
    const appPackage = await testPackage();
    const manifest = manifestOf(appPackage);
    expect(validateAgainstSchema(manifest, '1.22', 'manifest', 'manifest.json', TOOLKIT_SCHEMAS_DIR)).toEqual([]);
    const de = manifestOf(appPackage, 'de.json');
    expect(validateAgainstSchema(de, '1.22', 'localization', 'de.json', TOOLKIT_SCHEMAS_DIR)).toEqual([]);
    manifest.bots[0].botId = 'not-a-guid';
    expect(validateAgainstSchema(manifest, '1.22', 'manifest', 'manifest.json', TOOLKIT_SCHEMAS_DIR)).toEqual([
      { file: 'manifest.json', where: 'bots[0].botId', message: 'must be a GUID, got "not-a-guid"' },
    ]);
    expect(validateAgainstSchema(manifest, '1.21', 'manifest', 'manifest.json', TOOLKIT_SCHEMAS_DIR)).toEqual([
      {
        file: 'manifest.json',
        message: 'no manifest schema for manifest version "1.21" in the Microsoft 365 Agents Toolkit',
      },
    ]);
  });

  it('npm run validate reads the XML with office-addin-manifest and checks the Toolkit YAML files', async () => {
    const result = await runValidate(outDir);
    expect(result.ok).toBe(true);
    const text = result.lines.join('\n');
    expect(text).toMatch(
      /outlook-addin\.xml as office-addin-manifest reads it: InLoox \d+\.\d+\.\d+\.0, id 444acd37-bac8-482e-9db7-de239719b4fd, hosts Mailbox/,
    );
    expect(text).toContain('✓ m365agents.yml (Agents Toolkit YAML schema v1.13): valid');
    expect(text).toContain('✓ m365agents.local.yml (Agents Toolkit YAML schema v1.13): valid');
  });
});
