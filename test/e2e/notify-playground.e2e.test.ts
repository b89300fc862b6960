/**
 * Notifications in local mode, end to end: `npm start` with a short check interval, Anna connected in the Agents
 * Playground, Emily (her colleague's own key in the same sandbox account) assigns her a task through the sandbox's
 * API, and the assignment card appears in the playground's chat on its own.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAgentsPlaygroundAssets, launchChromium } from '../helpers/browser';
import { screenshotDir } from '../helpers/screenshots';
import { freePorts, killGroup, sandboxGet, startProduct, type StartedProduct } from './product';

const STEP_MS = 90_000;
const EDITOR = '[data-lexical-editor="true"]';
const TASK = 'Approve the trade fair budget';

let dataDir: string;
let product: StartedProduct | undefined;
let browser: Browser;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'inloox-e2e-notify-'));
  const [port, sandboxPort, playgroundPort] = await freePorts(3);
  [product, browser] = await Promise.all([
    startProduct(
      dataDir,
      { port: port!, sandboxPort: sandboxPort!, playgroundPort: playgroundPort! },
      { NOTIFY_INTERVAL_SECONDS: '2' },
    ),
    launchChromium(),
  ]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (product) killGroup(product.pgid);
  rmSync(dataDir, { recursive: true, force: true });
});

async function cardWith(page: Page, text: string) {
  const card = page
    .locator('.ac-adaptiveCard')
    .filter({ has: page.getByText(text, { exact: true }) })
    .last();
  await card.waitFor();
  return card;
}

describe('notifications in local mode (npm start)', () => {
  it('a task Emily assigns to Anna arrives in the Agents Playground as a card', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 960 }, locale: 'en-US' });
    page.setDefaultTimeout(STEP_MS);
    expectAgentsPlaygroundAssets(page);
    await page.goto(product!.playgroundUrl);
    await page.locator(EDITOR).waitFor();
    const welcome = await cardWith(page, 'Welcome to InLoox for Teams');
    await welcome.getByRole('button', { name: 'Connect', exact: true }).click();
    const password = page.locator('.ac-adaptiveCard input[type="password"]').last();
    await password.waitFor();
    await password.pressSequentially('demo-key-anna');
    await page
      .locator('.ac-adaptiveCard')
      .filter({ has: page.locator('input[type="password"]') })
      .last()
      .getByRole('button', { name: 'Connect', exact: true })
      .click();
    await cardWith(page, 'Connected to InLoox');

    // The first check after connecting records Anna's open tasks without a word; then Emily assigns one.
    const db = new Database(path.join(dataDir, 'inloox-m365.sqlite'), { readonly: true, fileMustExist: true });
    try {
      await expect
        .poll(() => db.prepare('SELECT count(*) AS n FROM notify_people WHERE snapshot IS NOT NULL').get(), {
          timeout: STEP_MS,
          interval: 500,
        })
        .toEqual({ n: 1 });
    } catch (error) {
      throw new Error(`no first check: ${product!.output().slice(-3000)}`, { cause: error });
    } finally {
      db.close();
    }
    const anna = (
      await sandboxGet<{ value: { ContactId: string }[] }>(product!.sandboxUrl, 'demo-key-anna', 'UserInfo/Me()')
    ).value[0]!;
    const project = (
      await sandboxGet<{ value: { ProjectId: string }[] }>(
        product!.sandboxUrl,
        'demo-key-anna',
        'Project?$top=1&$orderby=Name',
      )
    ).value[0]!;
    const created = await fetch(`${product!.sandboxUrl}Task`, {
      method: 'POST',
      headers: { 'x-api-key': 'demo-key-emily', 'content-type': 'application/json' },
      body: JSON.stringify({
        Name: TASK,
        ContactId: anna.ContactId,
        ProjectId: project.ProjectId,
        EndDateTime: '2026-12-04T16:00:00Z',
      }),
    });
    expect(created.status).toBe(201);

    const card = await cardWith(page, 'New task assigned to you').catch((error: unknown) => {
      throw new Error(`no card: ${product!.output().slice(-3000)}`, { cause: error });
    });
    const text = await card.innerText();
    expect(text).toContain(TASK);
    expect(text).toContain('Emily Clarke');
    await card.getByRole('button', { name: 'Start timer' }).waitFor();
    await card.scrollIntoViewIfNeeded();
    mkdirSync(screenshotDir(), { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir(), 'try-notification.png') });
    await page.close();
  }, 300_000);
});
