/**
 * The real task pane in headless Chromium, inside the local Outlook host page (/dev/outlook) on the Office.js stub,
 * against the real server API, key store and InLoox sandbox. Every created task is read back from the sandbox.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/inloox/types';
import { expectConsoleError, expectFailedResponse, expectRefusedActiveContent } from '../helpers/browser';
import { DEV, type AddinHarness } from './harness';
import { closePaneTestbed, openOutlookHost, startPaneTestbed } from './pane-testbed';
import { screenshotDir } from '../helpers/screenshots';

const DOCS = screenshotDir();

let h: AddinHarness;
let browser: Browser;
let projectName: string;
let projectId: string;

beforeAll(async () => {
  ({
    h,
    browser,
    project: { Name: projectName, ProjectId: projectId },
  } = await startPaneTestbed());
});

afterAll(() => closePaneTestbed(h, browser));

/** declareErrors: the browser errors a test provokes on purpose (test/helpers/browser.ts fails on any other). */
async function openHost(
  query: string,
  viewport = { width: 1280, height: 800 },
  declareErrors: (page: Page) => void = () => {},
): Promise<{ page: Page; pane: FrameLocator }> {
  return openOutlookHost(browser, h, query, { viewport }, (page) => {
    declareErrors(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    (page as Page & { errors?: string[] }).errors = errors;
  });
}

async function connected(): Promise<void> {
  const status = await h.services.connections.status(DEV);
  if (!status) await h.services.connections.connect(DEV, h.apiKey);
}

async function pickProject(pane: FrameLocator): Promise<void> {
  const input = pane.locator('#field-project');
  await input.fill(projectName.slice(0, 6));
  const option = pane.locator('.fx-option[data-id]', { hasText: projectName }).first();
  await option.waitFor();
  await option.click();
  await expect(input.inputValue()).resolves.toBe(projectName);
}

async function waitForPreview(pane: FrameLocator): Promise<void> {
  await pane.locator('.pane-preview__body strong').first().waitFor();
}

async function findTask(name: string): Promise<Task> {
  const page = await h.inlooxApi.listTasks({ search: name, top: 5 });
  const task = page.items.find((t) => t.Name === name);
  expect(task, `task "${name}" in the sandbox`).toBeDefined();
  return h.inlooxApi.getTask(task!.TaskItemId);
}

/** The instant the pane sends for a local calendar day, computed in the page's own time zone. */
async function localInstant(page: Page, dayOffset: number, hour: number): Promise<string> {
  return page.evaluate(
    ([offset, h]) => {
      const d = new Date();
      return new Date(d.getFullYear(), d.getMonth(), d.getDate() + offset, h).toISOString();
    },
    [dayOffset, hour] as const,
  );
}

describe('Outlook task pane (browser)', () => {
  it('connects from the pane with a validated token, then shows the form', async () => {
    await h.services.connections.disconnect(DEV);
    const { page, pane } = await openHost('mail=mail-reply-chain', undefined, (page) =>
      expectFailedResponse(page, 400, '/addin/api/connect'),
    );
    await pane.locator('#api-key').waitFor();
    await pane.locator('#api-key').fill('not-a-real-key');
    await pane.getByRole('button', { name: 'Connect' }).click();
    await pane.locator('.fx-message--error').waitFor();
    await expect(pane.locator('.fx-message--error').innerText()).resolves.toContain('did not accept');
    // The key never stays in the page.
    await expect(pane.locator('#api-key').inputValue()).resolves.toBe('');
    await pane.locator('#api-key').fill(h.apiKey);
    await pane.getByRole('button', { name: 'Connect' }).click();
    await pane.locator('#field-name').waitFor();
    await expect(pane.locator('.pane-footer__who').innerText()).resolves.toContain('Connected as');
    const stored = await h.store.get(DEV);
    expect(stored?.apiKey).toBe(h.apiKey);
    const html = await pane.locator('html').evaluate((el) => el.outerHTML);
    expect(html).not.toContain(h.apiKey);
    await page.close();
  });

  it('creates a task from a reply chain; the sandbox has the name, project, dates and formatted description', async () => {
    await connected();
    const { page, pane } = await openHost('mail=mail-reply-chain');
    await pane.locator('#field-name').waitFor();
    await expect(pane.locator('#field-name').inputValue()).resolves.toBe('Website relaunch – timeline');
    await pickProject(pane);
    await pane.locator('#field-effort').fill('2,5');
    await waitForPreview(pane);
    const preview = await pane.locator('.pane-preview__body').innerHTML();
    expect(preview).toContain('content freeze for May 16');
    expect(preview).not.toContain('attached is the updated timeline');
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-done').waitFor();
    const link = await pane.getByRole('link', { name: 'Open in InLoox' }).getAttribute('href');

    const task = await findTask('Website relaunch – timeline');
    expect(link).toBe(`${new URL(h.config.inlooxBaseUrl).origin}/task/${task.TaskItemId.toLowerCase()}`);
    expect(task.ProjectId?.toLowerCase()).toBe(projectId.toLowerCase());
    expect(new Date(task.StartDateTime!).toISOString()).toBe(await localInstant(page, 0, 8));
    expect(new Date(task.EndDateTime!).toISOString()).toBe(await localInstant(page, 7, 17));
    expect(task.WorkAmount).toBe(2.5);
    const me = await h.inlooxApi.me();
    expect(task.ContactId?.toLowerCase()).toBe(me.ContactId.toLowerCase());
    const description = task.DescriptionHTML ?? '';
    expect(description).toContain(
      '<strong>From:</strong> Anna Becker &lt;<a href="mailto:anna.becker@contoso.example"',
    );
    expect(description).toContain('<strong>Subject:</strong> RE: Website relaunch – timeline');
    expect(description).toMatch(/<b>content freeze for May 16<\/b>/);
    expect(description).not.toContain('Can we move the go-live to June?');

    // "Add another" comes back to a fresh form for the same email.
    await pane.getByRole('button', { name: 'Add another' }).click();
    await expect(pane.locator('#field-name').inputValue()).resolves.toBe('Website relaunch – timeline');
    await page.close();
  });

  it('follows the selection while pinned (ItemChanged) and the Office theme, and keeps quoted history when asked', async () => {
    await connected();
    const { page, pane } = await openHost('mail=mail-newsletter');
    await expect.poll(() => pane.locator('#field-name').inputValue()).toBe('Product News: the spring release is here');
    // The Office theme changes while the pane is open: it switches live and keeps what was typed.
    await pane.locator('#field-effort').fill('7');
    await page.getByLabel('Office theme').selectOption('dark');
    await expect.poll(() => pane.locator('html').getAttribute('data-theme')).toBe('dark');
    await expect(pane.locator('#field-effort').inputValue()).resolves.toBe('7');
    await page.locator('[data-mail-id="mail-plain-text"]').click();
    await expect.poll(() => pane.locator('#field-name').inputValue()).toBe('Server maintenance window on Saturday');
    await waitForPreview(pane);
    await expect(pane.locator('.pane-preview__body').innerText()).resolves.not.toContain('Patch window confirmed');
    await pane.locator('#trim-quoted').uncheck();
    await expect.poll(() => pane.locator('.pane-preview__body').innerText()).toContain('Patch window confirmed');
    await pickProject(pane);
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-done').waitFor();
    const task = await findTask('Server maintenance window on Saturday');
    expect(task.DescriptionHTML).toContain('save your work before 06:00');
    expect(task.DescriptionHTML).toContain('Patch window confirmed');
    await page.close();
  });

  it('stores hostile HTML without anything active', async () => {
    await connected();
    // The browser reports the hostile parts it refuses to run, in the host's reading pane and when the Office.js stub
    // reads the body: that is the protection working, not an error of the pane.
    const { page, pane } = await openHost('mail=mail-hostile', undefined, expectRefusedActiveContent);
    await pane.locator('#field-name').waitFor();
    await pickProject(pane);
    await waitForPreview(pane);
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-done').waitFor();
    const description = (await findTask('Invoice #4711 – action required')).DescriptionHTML ?? '';
    expect(description).toContain('your invoice <b>#4711</b> is overdue');
    expect(description).toContain('href="https://www.contoso.example/invoices/4711"');
    for (const bad of [
      '<script',
      'onerror',
      'onload',
      'onclick',
      'javascript:',
      'data:text/html',
      '<iframe',
      '<form',
      '<svg',
      'position:fixed',
      'pixel.gif',
    ]) {
      expect(description.toLowerCase(), bad).not.toContain(bad);
    }
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('embeds readable inline images and notes the ones it could not read', async () => {
    await connected();
    const { page, pane } = await openHost('mail=mail-inline-image');
    await pane.locator('#field-name').waitFor();
    await pickProject(pane);
    await waitForPreview(pane);
    await expect(pane.locator('.pane-preview__body img[src^="data:image/png;base64,"]').count()).resolves.toBe(1);
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-done').waitFor();
    const description = (await findTask('Logo for the partner portal')).DescriptionHTML ?? '';
    expect(description).toMatch(/<img[^>]+src="data:image\/png;base64,iVBORw0KGgo/);
    expect(description).not.toContain('cid:');
    expect(description).toContain('logo-dark.png');
    expect(description).toContain('Logo-Sizes.pdf');
    await page.close();
  });

  it('speaks German and follows the dark theme; handles mails without a body and very long ones', async () => {
    await connected();
    const { page, pane } = await openHost('lang=de&theme=dark&mail=mail-no-body');
    await pane.getByRole('button', { name: 'Aufgabe erstellen' }).waitFor();
    await expect(pane.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(pane.locator('html').getAttribute('lang')).resolves.toBe('de');
    await expect(page.locator('.host-toolbar__title').innerText()).resolves.toBe('Outlook (lokale Testseite)');
    await pane.locator('.fx-message', { hasText: 'keinen Text' }).waitFor();
    await page.locator('[data-mail-id="mail-very-long"]').click();
    await pane.locator('.fx-message', { hasText: 'sehr lang' }).waitFor();
    await expect.poll(() => pane.locator('.pane-preview__body').innerText()).toContain('gekürzt');
    await pickProject(pane);
    await pane.getByRole('button', { name: 'Aufgabe erstellen' }).click();
    await pane.locator('.pane-done').waitFor();
    const description = (await findTask('Quarterly report Q2 (full text)')).DescriptionHTML ?? '';
    expect(Buffer.byteLength(description)).toBeLessThanOrEqual(100_000);
    expect(description).toContain('<strong>Von:</strong>');
    expect(description).toContain('die E-Mail wurde gekürzt');
    await page.close();
  }, 60_000);

  it('keeps what the user entered when creating fails, and explains it plainly', async () => {
    await connected();
    const { page, pane } = await openHost('mail=mail-non-latin', undefined, (page) =>
      expectFailedResponse(page, 502, '/addin/api/tasks'),
    );
    await pane.locator('#field-name').waitFor();
    await expect(pane.locator('#field-name').inputValue()).resolves.toBe(
      '見積書の送付 / Quote for sensors (Angebot Sensoren)',
    );
    await pane.locator('#field-name').fill('Angebot prüfen – 見積書');
    await pickProject(pane);
    await pane.locator('#field-effort').fill('3');
    // Client-side validation first: an end before the start is refused in place.
    await pane.locator('#field-endDate').fill('2020-01-01');
    await pane.getByRole('button', { name: 'Create task' }).click();
    await expect(pane.locator('#field-endDate-error').innerText()).resolves.toBe('The end cannot be before the start.');
    await expect(pane.locator('#field-endDate').getAttribute('aria-invalid')).resolves.toBe('true');
    const end = await page.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() + 3);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await pane.locator('#field-endDate').fill(end);
    const fault = h.sandbox.faults.add({ method: 'POST', path: 'Task*', status: 503, times: 10 });
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-status .fx-message--error').waitFor();
    await expect(pane.locator('.pane-status .fx-message--error').innerText()).resolves.toContain(
      'InLoox is not reachable at the moment',
    );
    await expect(pane.locator('#field-name').inputValue()).resolves.toBe('Angebot prüfen – 見積書');
    await expect(pane.locator('#field-project').inputValue()).resolves.toBe(projectName);
    await expect(pane.locator('#field-effort').inputValue()).resolves.toBe('3');
    h.sandbox.faults.remove(fault.id);
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-done').waitFor();
    const task = await findTask('Angebot prüfen – 見積書');
    expect(new Date(task.EndDateTime!).toISOString()).toBe(await localInstant(page, 3, 17));
    expect(task.DescriptionHTML).toContain('見積書を送付いたします');
    expect(task.DescriptionHTML).toContain('Κάλυμμα');
    await page.close();
  });

  it('adds the email as a comment to an existing task', async () => {
    await connected();
    const target = (await h.inlooxApi.listTasks({ open: true, top: 1 })).items[0]!;
    const { page, pane } = await openHost('mail=mail-german');
    await pane.getByRole('tab', { name: 'Add to existing task' }).click();
    await pane.locator('#field-task').fill((target.Name ?? '').slice(0, 5));
    await pane
      .locator('.fx-option[data-id]', { hasText: target.Name ?? '' })
      .first()
      .click();
    await waitForPreview(pane);
    await pane.getByRole('button', { name: 'Add email as comment' }).click();
    await pane.locator('.pane-done').waitFor();
    const notes = h.sandbox
      .data(h.apiKey)
      .raw('TaskNote')
      .filter((n) => String(n.TaskItemId).toLowerCase() === target.TaskItemId.toLowerCase());
    const text = notes.map((n) => JSON.stringify(n)).join('\n');
    expect(text).toContain('Abstimmung des Projektplans');
    await page.close();
  });

  it('works with the keyboard alone and takes the end date from a meeting request', async () => {
    await connected();
    const { page, pane } = await openHost('mail=mail-german');
    await pane.locator('#field-name').waitFor();
    await pane.locator('.fx-hint', { hasText: 'End date taken from the email.' }).waitFor();
    // Tabs: arrow keys switch the mode and move the focus.
    await pane.getByRole('tab', { name: 'New task' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(pane.getByRole('tab', { name: 'Add to existing task' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    await page.keyboard.press('ArrowLeft');
    await expect(pane.getByRole('tab', { name: 'New task' }).getAttribute('aria-selected')).resolves.toBe('true');
    // Name → Tab → project combobox: type, the first match is active, Enter picks it.
    await pane.locator('#field-name').focus();
    await page.keyboard.press('Tab');
    await expect(pane.locator('#field-project').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type(projectName.slice(0, 6));
    await pane.locator('.fx-option[data-id]').first().waitFor();
    await expect(pane.locator('#field-project').getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await expect(pane.locator('#field-project').inputValue()).resolves.toBe(projectName);
    await waitForPreview(pane);
    // Enter again submits the form.
    await page.keyboard.press('Enter');
    await pane.locator('.pane-done').waitFor();
    await expect(
      pane.getByRole('button', { name: 'Add another' }).evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);

    const mails = (await (await fetch(`${h.baseUrl}/dev/outlook/mails.json`)).json()) as {
      mails: { id: string; end?: string }[];
    };
    const meetingEnd = mails.mails.find((m) => m.id === 'mail-german')!.end!;
    const expectedEnd = await page.evaluate((end) => {
      const d = new Date(end);
      return new Date(d.getFullYear(), d.getMonth(), d.getDate(), 17).toISOString();
    }, meetingEnd);
    const task = await findTask('Einladung: Abstimmung Projektplan Q3 – Größe & Budget');
    expect(new Date(task.EndDateTime!).toISOString()).toBe(expectedEnd);
    expect(task.DescriptionHTML).toContain('Budgetübersicht');
    await page.close();
  });

  it('asks to connect again when InLoox stopped accepting the stored token', async () => {
    await connected();
    await h.store.markNeedsReconnect(DEV);
    const { page, pane } = await openHost('mail=mail-reply-chain');
    await pane.locator('#api-key').waitFor();
    await expect(pane.locator('.fx-message--warning').innerText()).resolves.toContain(
      'InLoox no longer accepts your access token',
    );
    await pane.locator('#api-key').fill(h.apiKey);
    await page.keyboard.press('Enter');
    await pane.locator('#field-name').waitFor();
    expect((await h.services.connections.status(DEV))?.needsReconnect).toBe(false);
    await page.close();
  });

  it('says to open it in Outlook when Office.js is not there', async () => {
    const page = await browser.newPage({ viewport: { width: 350, height: 400 }, locale: 'de-DE' });
    // No network here, and none wanted: the CDN request fails at once, as it would offline.
    await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
    expectConsoleError(page, /^Failed to load resource: net::ERR_FAILED \(https:\/\/appsforoffice\.microsoft\.com\//);
    await page.goto(`${h.baseUrl}/addin/taskpane.html`);
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Bitte in Outlook öffnen');
    await page.close();
  });

  it('renders fast and looks right (screenshots in docs/)', async () => {
    await connected();
    mkdirSync(DOCS, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const { page, pane } = await openHost(`mail=mail-reply-chain${theme === 'dark' ? '&theme=dark' : ''}`);
      await pane.locator('#field-name').waitFor();
      await waitForPreview(pane);
      await page.screenshot({ path: path.join(DOCS, `addin-outlook-host-${theme}.png`) });
      await page.close();

      const paneOnly = await browser.newPage({ viewport: { width: 350, height: 1100 }, locale: 'en-GB' });
      await paneOnly.goto(`${h.baseUrl}/addin/taskpane.html?officeStub=1&mail=mail-newsletter&theme=${theme}`);
      await paneOnly.locator('#field-name').waitFor();
      await paneOnly.locator('.pane-preview__body strong').first().waitFor();
      const firstRender = Number(await paneOnly.locator('html').getAttribute('data-first-render-ms'));
      expect(firstRender).toBeGreaterThan(0);
      const fromScript = Number(await paneOnly.locator('html').getAttribute('data-pane-start-ms'));
      console.log(
        `task pane first render (${theme}): ${firstRender} ms after navigation, ${fromScript} ms after its script started`,
      );
      await paneOnly.screenshot({ path: path.join(DOCS, `addin-taskpane-${theme}.png`) });
      await paneOnly.close();
    }

    // The success view (dark) and the connect view (light, German).
    const done = await browser.newPage({ viewport: { width: 350, height: 520 }, locale: 'en-GB' });
    await done.goto(`${h.baseUrl}/addin/taskpane.html?officeStub=1&mail=mail-inline-image&theme=dark`);
    const input = done.locator('#field-project');
    await input.fill(projectName.slice(0, 6));
    await done.locator('.fx-option[data-id]').first().click();
    await done.getByRole('button', { name: 'Create task' }).click();
    await done.locator('.pane-done').waitFor();
    await done.screenshot({ path: path.join(DOCS, 'addin-taskpane-done-dark.png') });
    await done.close();

    await h.services.connections.disconnect(DEV);
    const connect = await browser.newPage({ viewport: { width: 350, height: 520 }, locale: 'de-DE' });
    await connect.goto(`${h.baseUrl}/addin/taskpane.html?officeStub=1&mail=mail-german&lang=de-DE`);
    await connect.locator('#api-key').waitFor();
    await connect.screenshot({ path: path.join(DOCS, 'addin-taskpane-connect-light.png') });
    await connect.close();
    await h.services.connections.connect(DEV, h.apiKey);
  });
});
