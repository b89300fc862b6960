import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TabAssets } from '../../tab/server/static';
import { expectFailedResponse, launchChromium } from '../helpers/browser';
import type { TeamsStubState } from './fixtures/teams-js-stub';
import { buildStubbedTabAssets, openTeamsTab } from './teams-page';
import { ALICE, BOB, startTabHarness, type TabHarness } from './harness';
import { screenshotDir } from '../helpers/screenshots';

const DOCS = screenshotDir();
const VIEWPORT = { width: 1000, height: 700 };
const BOT_ID = '00000000-0000-4000-8000-0000000000b0';

describe('Teams tab in Chromium with a stubbed Teams host', () => {
  let browser: Browser;
  let h: TabHarness;
  let assets: TabAssets;
  let apiKey: string;

  beforeAll(async () => {
    assets = await buildStubbedTabAssets();
    // Production configuration (bot registered: the header links to the bot chat); the test bearer identity
    // stands in for SSO validation, which test/tab/identity.test.ts covers.
    h = await startTabHarness({
      env: { MicrosoftAppId: BOT_ID, KEY_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') },
      router: { assets: async () => assets },
    });
    apiKey = h.sandbox.accounts[0]!.apiKey;
    // One overdue task, so every due group appears (the demo data has none for this user).
    const account = h.sandbox.accounts[0]!;
    const project = h.sandbox.data(apiKey).list('Project')[0]!;
    h.sandbox.data(apiKey).create('Task', {
      Name: 'Send the offer to Contoso',
      ProjectId: project.ProjectId,
      ContactId: account.contactId,
      EndDateTime: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10) + 'T17:00:00Z',
      WorkAmount: 2,
      IsDone: false,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });
  beforeEach(async () => {
    await h.services.connections.disconnect(ALICE);
  });

  /** failures: the API answers the test provokes on purpose, as [status, path]. */
  async function openTab(host: Partial<TeamsStubState> = {}, failures: Array<[number, string]> = []): Promise<Page> {
    return openTeamsTab(browser, h.baseUrl, host, { viewport: VIEWPORT }, (page) => {
      for (const [status, pathname] of failures) expectFailedResponse(page, status, pathname);
    });
  }

  const openTaskNames = () => {
    const account = h.sandbox.accounts[0]!;
    return h.sandbox
      .data(account.apiKey)
      .list('Task')
      .filter((task) => task.ContactId === account.contactId && task.IsDone !== true)
      .map((task) => String(task.Name));
  };

  it('disconnected: explains what to do, connects with a token, then lists the sandbox tasks (light)', async () => {
    const page = await openTab({ theme: 'default' }, [[400, '/tab/api/connection']]);
    await page.getByRole('heading', { name: 'My InLoox' }).waitFor();
    await page.getByText('Connect your InLoox account').waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    await page.screenshot({ path: path.join(DOCS, 'tab-disconnected-light.png') });

    await page.getByRole('button', { name: 'Connect to InLoox' }).click();
    await page.getByText('How to get your personal access token').waitFor();
    await page.getByLabel('Personal access token').fill('wrong-key');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.locator('.fx-field__error').waitFor();
    expect(await page.locator('.fx-field__error').textContent()).toMatch(/did not accept/);
    expect(await h.services.connections.status(ALICE)).toBeUndefined();
    await page.screenshot({ path: path.join(DOCS, 'tab-connect-light.png') });

    await page.getByLabel('Personal access token').fill(apiKey);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByText(`Connected as ${h.sandbox.accounts[0]!.displayName}.`).waitFor();
    expect((await h.services.connections.status(ALICE))?.inlooxContactId).toBe(h.sandbox.accounts[0]!.contactId);
    // The token is not left in the page, the URL or storage.
    expect(await page.content()).not.toContain(apiKey);
    expect(page.url()).not.toContain(apiKey);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).toBe(
      '{}{}',
    );

    await page.getByRole('tab', { name: 'My tasks' }).click();
    await page.locator('.tab-task').first().waitFor();
    const shown = await page.locator('.tab-task__name').allTextContents();
    expect(shown.sort()).toEqual(openTaskNames().sort());
    expect(await page.locator('.tab-group__title').allTextContents()).not.toHaveLength(0);
    await page.screenshot({ path: path.join(DOCS, 'tab-tasks-light.png') });
    await page.close();
  });

  it('marking a task done changes it in InLoox, and reopening undoes it (dark, German)', async () => {
    await h.services.connections.connect(ALICE, apiKey);
    const page = await openTab({ theme: 'dark', locale: 'de-DE' });
    await page.locator('.tab-task').first().waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByRole('tab', { name: 'Meine Aufgaben' }).waitFor();
    await page.screenshot({ path: path.join(DOCS, 'tab-tasks-dark.png') });

    const row = page.locator('.tab-task').first();
    const taskId = (await row.getAttribute('data-task-id'))!;
    const name = (await row.locator('.tab-task__name').textContent())!;
    expect(h.sandbox.data(apiKey).rawOne('Task', taskId)?.IsDone).toBe(false);

    await row.getByRole('checkbox').check();
    await page.getByText(`„${name}“ ist erledigt.`).waitFor();
    expect(h.sandbox.data(apiKey).rawOne('Task', taskId)?.IsDone).toBe(true);
    await expect
      .poll(() => page.locator(`[data-task-id="${taskId}"]`).getAttribute('class'))
      .toContain('tab-task--done');

    await page.locator(`[data-task-id="${taskId}"]`).getByRole('checkbox').uncheck();
    await page.getByText(`„${name}“ ist wieder offen.`).waitFor();
    expect(h.sandbox.data(apiKey).rawOne('Task', taskId)?.IsDone).toBe(false);

    // Teams switches theme while the tab is open.
    await page.evaluate(() => window.__teamsStub.themeHandler?.('contrast'));
    expect(await page.locator('html').getAttribute('data-theme')).toBe('contrast');
    await page.screenshot({ path: path.join(DOCS, 'tab-tasks-contrast.png') });
    await page.evaluate(() => window.__teamsStub.themeHandler?.('dark'));
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');

    // Every API call carried the SSO token from Teams; nothing was stored.
    expect(await page.evaluate(() => window.__teamsStub.tokenRequests)).toBeGreaterThan(2);
    expect(await page.evaluate(() => window.__teamsStub.ready)).toBe(true);
    await page.close();
  });

  it('filters by project, groups by project, opens tasks in InLoox and the bot chat in Teams', async () => {
    await h.services.connections.connect(ALICE, apiKey);
    const page = await openTab();
    await page.locator('.tab-task').first().waitFor();
    const options = await page.locator('#tab-project-filter option').allTextContents();
    expect(options[0]).toBe('All projects');
    const project = options[1]!;
    await page.locator('#tab-project-filter').selectOption({ label: project });
    const projects = await page.locator('.tab-task__project').allTextContents();
    expect(projects.length).toBeGreaterThan(0);
    expect(new Set(projects)).toEqual(new Set([project]));

    await page.getByRole('button', { name: 'Project', exact: true }).click();
    expect(await page.locator('.tab-group__title').first().textContent()).toContain(project);

    // InLoox links open in the browser; the bot chat is a Teams deep link opened through the host.
    const link = page.getByRole('link', { name: /Open in InLoox/ }).first();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/task\/[0-9a-f-]{36}$/);
    // The sandbox is InLoox's API only; the InLoox web page the link opens is answered here.
    await page
      .context()
      .route(href, (route) => route.fulfill({ contentType: 'text/html', body: '<title>InLoox</title>' }));
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    expect(popup.url()).toBe(href);
    await popup.close();
    await page.getByRole('link', { name: 'Chat with the InLoox bot' }).click();
    expect(await page.evaluate(() => window.__teamsStub.openedLinks)).toEqual([
      `https://teams.microsoft.com/l/chat/0/0?users=28:${BOT_ID}`,
    ]);
    await page.close();
  });

  it('shows projects with status and progress, and the connection settings (light and dark)', async () => {
    await h.services.connections.connect(ALICE, apiKey);
    for (const theme of ['default', 'dark'] as const) {
      const page = await openTab({ theme });
      const suffix = theme === 'default' ? 'light' : 'dark';
      await page.locator('.tab-task').first().waitFor();
      await page.getByRole('tab', { name: 'Projects' }).click();
      await page.locator('.tab-project').first().waitFor();
      const sandboxProjects = h.sandbox.data(apiKey).list('Project');
      expect(await page.locator('.tab-project').count()).toBe(sandboxProjects.length);
      const first = page.locator('.tab-project').first();
      const id = (await first.getAttribute('data-project-id'))!;
      const percent = sandboxProjects.find((p) => p.ProjectId === id)!.PercentComplete;
      expect(await first.locator('.tab-progress__value').textContent()).toBe(`${percent} %`);
      await page.screenshot({ path: path.join(DOCS, `tab-projects-${suffix}.png`) });

      await page.getByRole('tab', { name: 'Connection' }).click();
      await page.getByText('Connected as').waitFor();
      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByText(/The connection works/).waitFor();
      await page.screenshot({ path: path.join(DOCS, `tab-settings-${suffix}.png`) });
      await page.close();
    }
  });

  it('disconnect asks first, then returns to the disconnected state that offers connect', async () => {
    await h.services.connections.connect(ALICE, apiKey);
    const page = await openTab();
    await page.locator('.tab-task').first().waitFor();
    await page.getByRole('tab', { name: 'Connection' }).click();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    expect(await h.services.connections.status(ALICE)).toBeDefined();
    await page.getByRole('button', { name: 'Yes, disconnect' }).click();
    await page.getByText('Disconnected. Your access token has been deleted.').waitFor();
    expect(await h.services.connections.status(ALICE)).toBeUndefined();
    await page.getByRole('tab', { name: 'My tasks' }).click();
    await page.getByRole('button', { name: 'Connect to InLoox' }).waitFor();
    await page.close();
  });

  it('when InLoox stops accepting the stored token it asks to connect again', async () => {
    await h.services.connections.connect(ALICE, apiKey);
    h.sandbox.faults.add({ path: 'Task*', status: 401, times: 1 });
    try {
      const page = await openTab({}, [[409, '/tab/api/tasks']]);
      await page.getByText('Please connect again').waitFor();
      expect((await h.services.connections.status(ALICE))?.needsReconnect).toBe(true);
      await page.getByRole('button', { name: 'Connect to InLoox' }).click();
      await page.getByText(/no longer accepts your saved access token/).waitFor();
      await page.getByLabel('Personal access token').fill(apiKey);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByText(/^Connected as /).waitFor();
      expect((await h.services.connections.status(ALICE))?.needsReconnect).toBe(false);
      await page.close();
    } finally {
      h.sandbox.faults.clear();
    }
  });

  it('with no open tasks it says so and how new ones arrive', async () => {
    const ben = h.sandbox.accounts[1]!;
    const data = h.sandbox.data(ben.apiKey);
    for (const task of data.raw('Task')) {
      if (task.ContactId === ben.contactId) data.put('Task', String(task.TaskItemId), { ...task, IsDone: true });
    }
    await h.services.connections.connect(BOB, ben.apiKey);
    const page = await openTab({ token: 'bob' });
    await page.getByText('No open tasks').waitFor();
    expect(await page.getByText(/show up here as soon as they are assigned to you/).count()).toBe(1);
    expect(await page.locator('.tab-task').count()).toBe(0);
    await page.close();
  });

  it.each([
    ['the server rejects the token', { token: 'forged' }, [[401, '/tab/api/connection']]],
    ['Teams gives no token', { tokenError: 'consent_required' }, []],
  ] as Array<[string, Partial<TeamsStubState>, Array<[number, string]>]>)(
    'a failing Teams sign-in (%s) shows what to do instead of data',
    async (_name, host, failures) => {
      await h.services.connections.connect(ALICE, apiKey);
      const page = await openTab(host, failures);
      await page.getByText('Sign-in did not work').waitFor();
      expect(await page.getByText(/reload the tab/).count()).toBe(1);
      expect(await page.locator('.tab-task').count()).toBe(0);
      await page.close();
    },
  );
});
