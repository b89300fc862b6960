/**
 * The newcomer's path, end to end: `npm start` (a real child process, fresh DATA_DIR, free ports), then both clients
 * in headless Chromium against the embedded InLoox sandbox, results read back through the sandbox's own API,
 * Ctrl-C, and a second `npm start` on the same data folder.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAgentsPlaygroundAssets, expectRefusedActiveContent, launchChromium } from '../helpers/browser';
import { findActiveContent } from './active-content';
import {
  eventually,
  freePorts,
  isAlive,
  killGroup,
  listeningAddresses,
  portIsFree,
  pressCtrlC,
  productProcesses,
  sandboxGet,
  sandboxTasksNamed,
  startProduct,
  type ProductPorts,
  type SandboxTask,
  type StartedProduct,
} from './product';
import { screenshotDir } from '../helpers/screenshots';

const DOCS = screenshotDir();
/** One user-visible step (a bot answer, a pane update) on a loaded two-core machine. */
const STEP_MS = 90_000;
const TEST_MS = 300_000;

const EDITOR = '[data-lexical-editor="true"]';
// The data folder is fresh, so names are unique without a suffix.
const PLAYGROUND_TASK = 'Prepare the kickoff agenda';
const PLAYGROUND_DESCRIPTION =
  'Agenda draft <script>alert(1)</script> <img src=x onerror=alert(2)> [details](javascript:alert(3))';
const HOSTILE_SUBJECT = 'Invoice #4711 – action required';
const RICH_SUBJECT = 'Product News: the spring release is here';

let dataDir: string;
let ports: ProductPorts;
let product: StartedProduct | undefined;
/** Every `npm start` of this file, killed in afterAll whatever happened. */
const startedGroups: number[] = [];
let browser: Browser;
let apiKey: string;
let me: { ContactId: string; DisplayName: string };
let project: { ProjectId: string; Name: string };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'inloox-e2e-'));
  const [port, sandboxPort, playgroundPort] = await freePorts(3);
  ports = { port: port!, sandboxPort: sandboxPort!, playgroundPort: playgroundPort! };
  [product, browser] = await Promise.all([startProduct(dataDir, ports), launchChromium()]);
  startedGroups.push(product.pgid);
  apiKey = product.demoKeys[0]!;
  me = (await sandboxGet<{ value: (typeof me)[] }>(product.sandboxUrl, apiKey, 'UserInfo/Me()')).value[0]!;
  project = (
    await sandboxGet<{ value: (typeof project)[] }>(product.sandboxUrl, apiKey, 'Project?$top=1&$orderby=Name')
  ).value[0]!;
  mkdirSync(DOCS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const pgid of startedGroups) killGroup(pgid);
  rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 960 }, locale: 'en-US' });
  page.setDefaultTimeout(STEP_MS);
  return page;
}

// ---- Agents Playground -------------------------------------------------------------------------------------

function cards(page: Page): Locator {
  return page.locator('.ac-adaptiveCard');
}

/** Opens the playground; it starts a conversation, so the bot greets with a card first. */
async function openPlayground(): Promise<Page> {
  const page = await newPage();
  expectAgentsPlaygroundAssets(page);
  await page.goto(product!.playgroundUrl);
  await page.locator(EDITOR).waitFor();
  await cards(page).first().waitFor();
  return page;
}

/** Types a message into the compose box like a person and sends it with Enter. */
async function say(page: Page, text: string): Promise<void> {
  await page.locator(EDITOR).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The newest card with a text block that reads exactly `text` (a title or a label), once it is there. */
async function cardWith(page: Page, text: string): Promise<Locator> {
  const card = cards(page)
    .filter({ has: page.getByText(text, { exact: true }) })
    .last();
  await card.waitFor();
  return card;
}

// ---- Outlook host page ---------------------------------------------------------------------------------------

async function selectMail(page: Page, pane: FrameLocator, mailId: string, subject: string): Promise<void> {
  await page.locator(`[data-mail-id="${mailId}"]`).click();
  await expect.poll(() => pane.locator('#field-name').inputValue(), { timeout: STEP_MS }).toBe(subject);
}

async function pickProject(pane: FrameLocator): Promise<void> {
  const input = pane.locator('#field-project');
  await input.fill(project.Name.slice(0, 6));
  await pane.locator('.fx-option[data-id]', { hasText: project.Name }).first().click();
  await expect(input.inputValue()).resolves.toBe(project.Name);
}

async function createFromPane(pane: FrameLocator): Promise<void> {
  await pane.locator('.pane-preview__body strong').first().waitFor();
  await pane.getByRole('button', { name: 'Create task' }).click();
  await pane.locator('.pane-done').waitFor();
}

// ---- sandbox -------------------------------------------------------------------------------------------------

async function onlyTaskNamed(name: string): Promise<SandboxTask> {
  const tasks = await sandboxTasksNamed(product!.sandboxUrl, apiKey, name);
  expect(
    tasks.map((t) => t.Name),
    `tasks named "${name}" in the sandbox`,
  ).toEqual([name]);
  return tasks[0]!;
}

const sameId = (a: string | null | undefined, b: string) => expect(a?.toLowerCase()).toBe(b.toLowerCase());

describe('local mode end to end (npm start)', () => {
  it('prints one start block with the clients, the demo identity and how to switch modes', () => {
    const text = product!.output();
    expect(text).toContain('local mode');
    expect(text).toContain(`http://localhost:${ports.port}/api/messages`);
    expect(text).toContain(`http://localhost:${ports.port}/dev/outlook`);
    expect(text).toContain(`http://localhost:${ports.port}/tab/`);
    expect(product!.playgroundUrl).toBe(`http://localhost:${ports.playgroundPort}`);
    expect(product!.sandboxUrl).toBe(`http://127.0.0.1:${ports.sandboxPort}/api/odata/`);
    expect(text).toContain(path.join(dataDir, 'sandbox'));
    expect(text).toContain('INLOOX_BASE_URL=');
    expect(text).toContain('MicrosoftAppId');
    expect(product!.demoKeys.length).toBeGreaterThan(0);
    expect(me.DisplayName).toBeTruthy();
  });

  it('listens on loopback only: the anonymous bot, the playground that talks to it and the sandbox', () => {
    for (const port of Object.values(ports)) {
      const sockets = listeningAddresses(port);
      expect(sockets.length, `listening on ${port}`).toBeGreaterThan(0);
      expect(
        sockets.filter((s) => !s.loopback),
        `non-loopback sockets on ${port}`,
      ).toEqual([]);
    }
  });

  it(
    'Agents Playground: connects with a demo key, creates a task with the card form and finds it with "my tasks"',
    async () => {
      const page = await openPlayground();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const welcome = await cardWith(page, 'Welcome to InLoox for Teams');
      await welcome.getByRole('button', { name: 'Connect', exact: true }).click();

      const password = cards(page).locator('input[type="password"]').last();
      await password.waitFor();
      await password.pressSequentially(apiKey);
      const connectCard = cards(page)
        .filter({ has: page.locator('input[type="password"]') })
        .last();
      await connectCard.getByRole('button', { name: 'Connect', exact: true }).click();
      const connected = await cardWith(page, 'Connected to InLoox');
      await expect(connected.innerText()).resolves.toContain(`You are connected as ${me.DisplayName}`);
      // The key never shows in the conversation.
      await expect(page.locator('body').innerText()).resolves.not.toContain(apiKey);

      await say(page, `new task ${PLAYGROUND_TASK}`);
      const form = await cardWith(page, 'Effort (hours)');
      await expect(form.getByLabel('Task name').inputValue()).resolves.toBe(PLAYGROUND_TASK);
      await form.getByLabel('Effort (hours)').fill('3');
      const assignee = form.getByRole('combobox', { name: /Assigned to/ });
      await assignee.click();
      await assignee.pressSequentially(me.DisplayName.split(' ')[0]!);
      await page.getByRole('option', { name: new RegExp(me.DisplayName) }).click();
      await form.getByLabel('Description').fill(PLAYGROUND_DESCRIPTION);
      await form.getByRole('button', { name: 'Create', exact: true }).click();

      const created = await cardWith(page, 'Task created');
      await expect(created.innerText()).resolves.toContain(PLAYGROUND_TASK);
      await expect(created.innerText()).resolves.toContain('3 h');

      await say(page, 'my tasks');
      const list = await cardWith(page, 'My open tasks');
      await expect(list.innerText()).resolves.toContain(PLAYGROUND_TASK);

      // The hostile description ran nothing in the client.
      expect(dialogs).toEqual([]);

      const task = await onlyTaskNamed(PLAYGROUND_TASK);
      expect(task.WorkAmount).toBe(3);
      sameId(task.ContactId, me.ContactId);
      expect(task.IsDone).toBe(false);
      // Typed text is stored as text: the markup arrives escaped, not as elements.
      expect(task.DescriptionHTML).toContain('Agenda draft &lt;script&gt;');
      expect(findActiveContent(task.DescriptionHTML ?? '')).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  it(
    'Outlook host page: already connected through the same identity, creates tasks from the hostile and the rich mail',
    async () => {
      const page = await newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      expectRefusedActiveContent(page);
      await page.goto(`${product!.baseUrl}/dev/outlook`);
      const pane = page.frameLocator('iframe.host-pane');

      await selectMail(page, pane, 'mail-hostile', HOSTILE_SUBJECT);
      // Connected in the playground a moment ago: the pane knows the same person without asking for a key.
      await expect(pane.locator('.pane-footer__who').innerText()).resolves.toContain(me.DisplayName);
      await pickProject(pane);
      await createFromPane(pane);

      await selectMail(page, pane, 'mail-newsletter', RICH_SUBJECT);
      await pickProject(pane);
      await pane.locator('.pane-preview__body strong').first().waitFor();
      await page.screenshot({ path: path.join(DOCS, 'try-outlook.png') });
      await createFromPane(pane);
      expect(errors).toEqual([]);

      const hostile = await onlyTaskNamed(HOSTILE_SUBJECT);
      const rich = await onlyTaskNamed(RICH_SUBJECT);
      for (const task of [hostile, rich]) {
        sameId(task.ProjectId, project.ProjectId);
        sameId(task.ContactId, me.ContactId);
        expect(task.EndDateTime).toBeTruthy();
        expect(findActiveContent(task.DescriptionHTML ?? ''), task.Name).toEqual([]);
      }
      expect(hostile.DescriptionHTML).toContain('your invoice <b>#4711</b> is overdue');
      expect(hostile.DescriptionHTML).not.toContain('pixel.gif');
      expect(rich.DescriptionHTML).toContain('Portfolio timeline');
      expect(rich.DescriptionHTML).toMatch(/<(strong|b)>three things<\/(strong|b)>/);
      expect(rich.DescriptionHTML).toContain('<table');
      await page.close();
    },
    TEST_MS,
  );

  it(
    'Ctrl-C stops npm start and everything it started: no process left, every port free',
    async () => {
      const running = productProcesses(product!.pgid);
      expect(running.some((p) => p.cmd.includes('m365agentsplayground'))).toBe(true);
      for (const port of Object.values(ports)) await expect(portIsFree(port)).resolves.toBe(false);

      const exit = await pressCtrlC(product!);
      expect(exit.code === 0 || exit.signal === 'SIGINT', `npm start exit ${JSON.stringify(exit)}`).toBe(true);
      await eventually(() => running.every((p) => !isAlive(p.pid)), 20_000);
      expect(
        running.filter((p) => isAlive(p.pid)).map((p) => p.cmd),
        'processes left',
      ).toEqual([]);
      for (const port of Object.values(ports)) {
        await expect(
          eventually(() => portIsFree(port), 10_000),
          `port ${port}`,
        ).resolves.toBe(true);
      }
      expect(product!.output()).not.toMatch(/Stopping .* failed/);
    },
    TEST_MS,
  );

  it(
    'keeps the data: after npm start again on the same folder the user is still connected and the tasks are there',
    async () => {
      product = await startProduct(dataDir, ports);
      startedGroups.push(product.pgid);
      expect(product.demoKeys[0]).toBe(apiKey);
      for (const name of [PLAYGROUND_TASK, HOSTILE_SUBJECT, RICH_SUBJECT]) await onlyTaskNamed(name);

      // The tab's API answers for the same development identity on loopback.
      const status = await fetch(`${product.baseUrl}/tab/api/connection`).then((r) => r.json());
      expect(status).toMatchObject({ connected: true });

      const page = await openPlayground();
      const welcome = await cardWith(page, 'Welcome to InLoox for Teams');
      await expect(welcome.innerText()).resolves.toContain(`You are connected as ${me.DisplayName}`);
      await say(page, 'my tasks');
      const list = await cardWith(page, 'My open tasks');
      await expect(list.innerText()).resolves.toContain(PLAYGROUND_TASK);
      await list.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(DOCS, 'try-playground.png') });
      await page.close();

      const tab = await newPage();
      await tab.goto(`${product.baseUrl}/tab/`);
      await tab.getByText(PLAYGROUND_TASK).first().waitFor();
      await tab.screenshot({ path: path.join(DOCS, 'try-tab.png') });
      await tab.close();
    },
    TEST_MS,
  );
});
