import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAppPackage, zipAppPackage } from '../../manifest/build';
import { appVersion, PROJECT_ROOT, readWrittenPackage, runPackage, runValidate } from '../../manifest/commands';
import { formatProblem, validateAppPackage } from '../../manifest/validate';
import { DEFAULT_TEAMS_APP_ID, resolvePackageValues } from '../../manifest/values';
import { BASE_URL, BOT_ID, manifestOf, SSO_APP_ID, testPackage, testValues } from './helpers';

const SECRET_PASSWORD = 'Sup3r~Secret.Bot-Password_xyz';
const SECRET_KEY = 'q0VzOvb3Zt3cTxIKn1C6uYxk3Bq5u2mXh3yKd0wqv0A=';

const productionEnv: NodeJS.ProcessEnv = {
  MicrosoftAppId: BOT_ID,
  MicrosoftAppPassword: SECRET_PASSWORD,
  KEY_ENCRYPTION_KEY: SECRET_KEY,
  PUBLIC_BASE_URL: `${BASE_URL}/`,
  SSO_APP_ID,
  INLOOX_BASE_URL: 'https://inloox.contoso.org/api/v1/odata/',
};

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'inloox-package-test-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('npm run package', () => {
  it('writes a zip and an XML manifest that validate offline', async () => {
    const result = await runPackage(productionEnv, outDir);
    expect(result.lines.join('\n')).toContain('appPackage.zip');
    expect(result.ok).toBe(true);

    const written = await readWrittenPackage(
      path.join(outDir, 'appPackage.zip'),
      path.join(outDir, 'outlook-addin.xml'),
    );
    expect([...written.files.keys()]).toEqual(['manifest.json', 'de.json', 'color.png', 'outline.png']);
    expect((await validateAppPackage(written)).map(formatProblem)).toEqual([]);
    expect((await runValidate(outDir)).ok).toBe(true);
  });

  it('fills ids, URLs and the version from the environment and package.json', async () => {
    expect((await runPackage(productionEnv, outDir)).ok).toBe(true);
    const written = await readWrittenPackage(
      path.join(outDir, 'appPackage.zip'),
      path.join(outDir, 'outlook-addin.xml'),
    );
    const manifest = manifestOf(written);
    const version = await appVersion();

    expect(manifest.id).toBe(DEFAULT_TEAMS_APP_ID);
    expect(manifest.version).toBe(version);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.composeExtensions[0].botId).toBe(BOT_ID);
    expect(manifest.webApplicationInfo).toEqual({
      id: SSO_APP_ID,
      resource: `api://inloox-bot.example.com/${SSO_APP_ID}`,
    });
    expect(manifest.validDomains).toEqual(['inloox-bot.example.com']);
    expect(manifest.staticTabs[0]).toMatchObject({
      entityId: 'myInLoox',
      name: 'My InLoox',
      contentUrl: `${BASE_URL}/tab/index.html`,
      scopes: ['personal'],
    });
    expect(manifest.extensions[0].runtimes[0].code.page).toBe(`${BASE_URL}/addin/taskpane.html`);

    expect(written.addinXml).toContain(`<Id>${DEFAULT_TEAMS_APP_ID}</Id>`);
    expect(written.addinXml).toContain(`<Version>${version}.0</Version>`);
    expect(written.addinXml).toContain(`DefaultValue="${BASE_URL}/addin/taskpane.html"`);
    expect(written.addinXml).toContain(`<Resource>api://inloox-bot.example.com/${SSO_APP_ID}</Resource>`);
    expect(written.addinXml).not.toContain('${{');
  });

  it('never puts secrets into the package', async () => {
    expect((await runPackage(productionEnv, outDir)).ok).toBe(true);
    const zip = await readFile(path.join(outDir, 'appPackage.zip'));
    const written = await readWrittenPackage(
      path.join(outDir, 'appPackage.zip'),
      path.join(outDir, 'outlook-addin.xml'),
    );
    const everything = [zip.toString('latin1'), written.addinXml, ...[...written.files.values()].map(String)].join(
      '\n',
    );
    expect(everything).not.toContain(SECRET_PASSWORD);
    expect(everything).not.toContain(SECRET_KEY);
  });

  it('refuses to package without the bot id or with an http address, and writes nothing', async () => {
    const noBot = await runPackage({ PUBLIC_BASE_URL: BASE_URL }, outDir);
    expect(noBot.ok).toBe(false);
    expect(noBot.lines.join('\n')).toMatch(/MicrosoftAppId is not set/);

    const http = await runPackage({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: 'http://inloox-bot.example.com' }, outDir);
    expect(http.ok).toBe(false);
    expect(http.lines.join('\n')).toMatch(/PUBLIC_BASE_URL must start with https:\/\//);

    const badGuid = await runPackage({ MicrosoftAppId: 'my-bot', PUBLIC_BASE_URL: BASE_URL }, outDir);
    expect(badGuid.lines.join('\n')).toMatch(/MicrosoftAppId must be a GUID .* got "my-bot"/);

    expect(existsSync(path.join(outDir, 'appPackage.zip'))).toBe(false);
    expect(existsSync(path.join(outDir, 'outlook-addin.xml'))).toBe(false);
  });

  it('builds byte-identical zips from identical input', async () => {
    const first = await zipAppPackage((await testPackage()).files);
    const second = await zipAppPackage((await testPackage()).files);
    expect(first.equals(second)).toBe(true);
  });

  it('runs as a command: exit code 0 with output files, 1 with a readable message', async () => {
    const exec = promisify(execFile);
    const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const script = path.join(PROJECT_ROOT, 'scripts', 'package.ts');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };

    const ok = await exec(tsx, [script, '--out', outDir], { cwd: outDir, env: { ...env, ...productionEnv } });
    expect(ok.stdout).toMatch(/Wrote .*appPackage\.zip/);
    expect(existsSync(path.join(outDir, 'outlook-addin.xml'))).toBe(true);

    const failed = await exec(tsx, [script, '--out', outDir], { cwd: outDir, env }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/Cannot package: MicrosoftAppId is not set/);
    // Two real tsx processes: generous on a loaded machine, the assertions above are what matters.
  }, 120_000);
});

describe('manifest content', () => {
  it('declares the bot in personal, team and group chat with the product commands', async () => {
    const manifest = manifestOf(await testPackage());
    const bot = manifest.bots[0];
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists[0].commands.map((command: { title: string }) => command.title)).toEqual([
      'help',
      'projects',
      'tasks',
      'my tasks',
      'new task',
      'new project',
      'connect',
    ]);
  });

  it('declares the message extension: create-task action on messages, search, link unfurling', async () => {
    const cloud = manifestOf(await testPackage({ INLOOX_BASE_URL: '' }));
    const selfHosted = manifestOf(await testPackage());
    const [createTask, search] = selfHosted.composeExtensions[0].commands;
    expect(createTask).toMatchObject({
      id: 'createTask',
      type: 'action',
      title: 'Create InLoox task',
      context: ['message'],
      fetchTask: true,
    });
    expect(search).toMatchObject({ id: 'searchInLoox', type: 'query' });
    expect(search.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['query']);
    expect(selfHosted.composeExtensions[0].messageHandlers[0].value.domains).toEqual([
      'app.inloox.com',
      'inloox.contoso.org',
    ]);
    expect(cloud.composeExtensions[0].messageHandlers[0].value.domains).toEqual(['app.inloox.com']);
  });

  it('declares the Outlook add-in: a read-mail ribbon button opening the task pane', async () => {
    const extension = manifestOf(await testPackage()).extensions[0];
    expect(extension.requirements.scopes).toEqual(['mail']);
    const runtime = extension.runtimes[0];
    expect(runtime.actions[0]).toMatchObject({ type: 'openPage' });
    const ribbon = extension.ribbons[0];
    expect(ribbon.contexts).toEqual(['mailRead']);
    const button = ribbon.tabs[0].groups[0].controls[0];
    expect(button).toMatchObject({ type: 'button', actionId: runtime.actions[0].id });
    expect(button.icons.map((icon: { size: number }) => icon.size)).toEqual([16, 32, 80]);
  });

  it('defaults the SSO app to the bot and keeps the documented fixed Teams app id', () => {
    const values = resolvePackageValues({ MicrosoftAppId: BOT_ID.toUpperCase(), PUBLIC_BASE_URL: BASE_URL }, '2.0.0');
    expect(values.SSO_APP_ID).toBe(BOT_ID);
    expect(values.TEAMS_APP_ID).toBe(DEFAULT_TEAMS_APP_ID);
    expect(values.ADDIN_VERSION).toBe('2.0.0.0');
    expect(() => resolvePackageValues({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: BASE_URL }, '2.0.0-beta.1')).toThrow(
      /must be x\.y\.z/,
    );
  });

  it('keeps a path prefix of PUBLIC_BASE_URL in every URL', async () => {
    const appPackage = await buildAppPackage(testValues({ PUBLIC_BASE_URL: 'https://apps.contoso.org/inloox/' }));
    const manifest = manifestOf(appPackage);
    expect(manifest.staticTabs[0].contentUrl).toBe('https://apps.contoso.org/inloox/tab/index.html');
    expect(appPackage.addinXml).toContain('https://apps.contoso.org/inloox/icons/icon-16.png');
    expect(await validateAppPackage(appPackage)).toEqual([]);
  });
});
