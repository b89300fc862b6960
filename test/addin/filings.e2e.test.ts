/**
 * The task pane remembers what a mail was filed to, in headless Chromium on the local Outlook host page and the
 * Office.js stub (internetMessageId, conversationId, convertToRestId), against the real server API and sandbox:
 * create → reopen the same mail → "Already in InLoox" → add to that task; another mail of the conversation; a mail
 * without an id; the project mode; English and German.
 */
import path from 'node:path';
import type { Browser, FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../helpers/screenshots';
import type { AddinHarness } from './harness';
import { openOutlookHost, pickProject as pickTheProject, usePaneTestbed } from './pane-testbed';

const DOCS = screenshotDir();

let h: AddinHarness;
let browser: Browser;
let projectName: string;

usePaneTestbed({ connected: true }, (testbed) => {
  ({
    h,
    browser,
    project: { Name: projectName },
  } = testbed);
});

const openHost = (query: string, locale = 'en-GB') => openOutlookHost(browser, h, query, { locale });
const pickProject = (pane: FrameLocator, field?: string) => pickTheProject(pane, projectName, field);

const notesOf = (taskId: string) =>
  h.sandbox
    .data(h.apiKey)
    .raw('TaskNote')
    .filter((n) => String(n.TaskItemId).toLowerCase() === taskId.toLowerCase());

describe('Outlook task pane: already in InLoox (browser)', () => {
  let taskId: string;

  it('creates from a mail with a link back; reopening it says "Already in InLoox" and adds to that task', async () => {
    const { page, pane } = await openHost('mail=mail-reply-chain');
    await pane.locator('#field-name').waitFor();
    await expect(pane.locator('.pane-filed').count()).resolves.toBe(0);
    await pane.locator('#field-name').fill('Relaunch SEO check');
    await pickProject(pane);
    await pane.locator('.pane-preview__body a[href^="https://outlook.office.com/owa/?ItemID="]').waitFor();
    await expect(pane.locator('.pane-preview__body').innerText()).resolves.toContain(
      'The attached files stay in the email',
    );
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-done').waitFor();
    const task = (await h.inlooxApi.listTasks({ search: 'Relaunch SEO check' })).items[0]!;
    taskId = task.TaskItemId;
    const description = (await h.inlooxApi.getTask(taskId)).DescriptionHTML ?? '';
    // The stub's REST id is "AAMk" + the item id in URL-safe base64, as convertToRestId gives it.
    const restId = `AAMk${Buffer.from('mail-reply-chain').toString('base64')}`;
    expect(description).toContain(`https://outlook.office.com/owa/?ItemID=${encodeURIComponent(restId)}`);
    expect(description).toContain('Relaunch-Timeline.xlsx (application/vnd.openxmlformats');
    expect(description).toContain('47.1 KB');

    // Reopen: another mail, then this one again.
    await page.locator('[data-mail-id="mail-newsletter"]').click();
    await expect.poll(() => pane.locator('#field-name').inputValue()).toBe('Product News: the spring release is here');
    await expect(pane.locator('.pane-filed').count()).resolves.toBe(0);
    await page.locator('[data-mail-id="mail-reply-chain"]').click();
    const banner = pane.locator('.pane-filed');
    await banner.waitFor();
    await expect(banner.locator('.pane-filed__title').innerText()).resolves.toBe('Already in InLoox');
    await expect(banner.getByRole('link', { name: 'Relaunch SEO check' }).getAttribute('href')).resolves.toBe(
      `${new URL(h.config.inlooxBaseUrl).origin}/task/${taskId.toLowerCase()}`,
    );
    await expect(banner.locator('.pane-filed__state').innerText()).resolves.toBe('open');
    await page.screenshot({ path: path.join(DOCS, 'addin-already-filed.png') });

    await banner.getByRole('button', { name: 'Add to this task' }).dblclick();
    await pane.locator('.pane-done').waitFor();
    await expect(pane.locator('.pane-done').innerText()).resolves.toContain('“Relaunch SEO check”');
    // A double click adds one comment, and no second task was made.
    expect(notesOf(taskId)).toHaveLength(1);
    expect(JSON.stringify(notesOf(taskId)[0])).toContain('content freeze for May 16');
    expect((await h.inlooxApi.listTasks({ search: 'Relaunch SEO check' })).items).toHaveLength(1);
    await page.close();
  });

  it('another mail of the conversation says the conversation has a task; its state follows InLoox', async () => {
    await h.inlooxApi.completeTask(taskId);
    const { page, pane } = await openHost('mail=mail-relaunch-followup');
    const line = pane.locator('.pane-filed__conversation');
    await line.waitFor();
    await expect(line.innerText()).resolves.toBe('This conversation has a task: Relaunch SEO check');
    await expect(pane.locator('.pane-filed__title').count()).resolves.toBe(0);
    await expect(pane.locator('.pane-filed__state').innerText()).resolves.toBe('done');
    // The create form is still there for a task of its own.
    await expect(pane.locator('#field-name').inputValue()).resolves.toBe('Website relaunch – timeline');
    await h.inlooxApi.reopenTask(taskId);
    await page.close();
  });

  it('a mail without internetMessageId works without memory and says nothing about earlier filings', async () => {
    h.sandbox.requestLog.clear();
    const filedRequests: string[] = [];
    const { page, pane } = await openHost('mail=mail-draft');
    page.on('request', (request) => {
      if (request.url().includes('/addin/api/filed')) filedRequests.push(request.url());
    });
    await pane.locator('#field-name').waitFor();
    await pickProject(pane);
    await pane.locator('.pane-preview__body strong').first().waitFor();
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-done').waitFor();
    await pane.getByRole('button', { name: 'Add another' }).click();
    await pane.locator('#field-name').waitFor();
    await expect(pane.locator('.pane-filed').count()).resolves.toBe(0);
    expect(filedRequests).toEqual([]);
    expect((await h.inlooxApi.listTasks({ search: 'Draft: notes for the steering' })).items).toHaveLength(1);
    await page.close();
  });

  it('files a mail to a project in German and shows it as filed there', async () => {
    const { page, pane } = await openHost('lang=de&mail=mail-plain-text', 'de-DE');
    await pane.getByRole('tab', { name: 'Zu Projekt hinzufügen' }).click();
    await pickProject(pane, '#field-note-project');
    await pane.locator('.pane-preview__body p').first().waitFor();
    const before = h.sandbox.data(h.apiKey).raw('ProjectNote').length;
    await pane.getByRole('button', { name: 'E-Mail als Projektkommentar hinzufügen' }).click();
    await pane.locator('.pane-done').waitFor();
    await expect(pane.locator('.pane-done').innerText()).resolves.toContain(`zum Projekt „${projectName}“`);
    const notes = h.sandbox.data(h.apiKey).raw('ProjectNote');
    expect(notes.length).toBe(before + 1);
    expect(JSON.stringify(notes.at(-1))).toContain('application servers on Saturday');
    expect(JSON.stringify(notes.at(-1))).toContain('<strong>Von:</strong>');

    await page.locator('[data-mail-id="mail-german"]').click();
    await expect.poll(() => pane.locator('.pane-filed').count()).toBe(0);
    await page.locator('[data-mail-id="mail-plain-text"]').click();
    const banner = pane.locator('.pane-filed');
    await banner.waitFor();
    await expect(banner.locator('.pane-filed__title').innerText()).resolves.toBe('Bereits in InLoox');
    await expect(banner.locator('.pane-filed__kind').innerText()).resolves.toBe('Projektkommentar');
    await expect(banner.getByRole('link', { name: projectName }).count()).resolves.toBe(1);
    await expect(banner.getByRole('button').count()).resolves.toBe(0);
    // The arrow keys walk through all three modes.
    await pane.getByRole('tab', { name: 'Neue Aufgabe' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(pane.getByRole('tab', { name: 'Zu Projekt hinzufügen' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    await page.screenshot({ path: path.join(DOCS, 'addin-filed-project-de.png') });
    await page.close();
  });
});
