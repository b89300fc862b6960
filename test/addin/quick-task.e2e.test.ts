/**
 * The ribbon's quick task (a function command) on the local Outlook host page: the function file runs on the Office.js
 * stub in a hidden frame, the host's button invokes it like ExecuteFunction, and its notification message shows
 * above the mail. Results are read back from the sandbox.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectFailedResponse } from '../helpers/browser';
import { screenshotDir } from '../helpers/screenshots';
import { DEV, withoutFavorites, type AddinHarness } from './harness';
import { openOutlookHost, tasksNamed as tasksNamedIn, usePaneTestbed } from './pane-testbed';

const DOCS = screenshotDir();

let h: AddinHarness;
let browser: Browser;
let projectName: string;

usePaneTestbed({ connected: true }, async (testbed) => {
  ({
    h,
    browser,
    project: { Name: projectName },
  } = testbed);
  await withoutFavorites(h.inlooxApi);
});

async function openHost(query: string, declare: (page: Page) => void = () => {}): Promise<Page> {
  const { page, pane } = await openOutlookHost(
    browser,
    h,
    query,
    { viewport: { width: 1280, height: 800 }, timezoneId: undefined },
    declare,
  );
  await pane.locator('#field-name, #api-key').first().waitFor();
  return page;
}

/** Presses the quick task button `times` times at once and waits until every press completed. */
async function quickTask(page: Page, times = 1): Promise<string> {
  const button = page.locator('.host-toolbar__command');
  const before = Number((await button.getAttribute('data-completed')) ?? 0);
  if (times === 2) await button.dblclick();
  else await button.click();
  await expect.poll(async () => Number((await button.getAttribute('data-completed')) ?? 0)).toBe(before + times);
  return page.locator('.host-notification').innerText();
}

const tasksNamed = (name: string) => tasksNamedIn(h, name);

describe('Outlook quick task (browser)', () => {
  it('creates nothing and says why while no project was used yet', async () => {
    const page = await openHost('mail=mail-newsletter');
    const text = await quickTask(page);
    expect(text).toBe(
      'No InLoox task was created: star a project in InLoox or create one task in the InLoox pane first; the quick task then uses that project.',
    );
    await expect(page.locator('.host-notification').getAttribute('data-type')).resolves.toBe('errorMessage');
    expect(await tasksNamed('Product News: the spring release is here')).toEqual([]);
    await page.close();
  });

  it('creates the task once in the last used project on a double click, then says it is already in InLoox', async () => {
    // One task from the pane makes its project the last used one.
    const page = await openHost('mail=mail-plain-text');
    const pane = page.frameLocator('iframe.host-pane');
    await pane.locator('#field-project').fill(projectName.slice(0, 6));
    await pane.locator('.fx-option[data-id]', { hasText: projectName }).first().click();
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-done').waitFor();

    await page.locator('[data-mail-id="mail-newsletter"]').click();
    await expect.poll(() => pane.locator('#field-name').inputValue()).toBe('Product News: the spring release is here');
    const text = await quickTask(page, 2);
    expect(text).toBe(`InLoox task “Product News: the spring release is here” created in ${projectName}.`);
    await expect(page.locator('.host-notification').getAttribute('data-type')).resolves.toBe('informationalMessage');
    const created = await tasksNamed('Product News: the spring release is here');
    expect(created).toHaveLength(1);
    const task = await h.inlooxApi.getTask(created[0]!.TaskItemId);
    expect(task.ProjectId?.toLowerCase()).toBe(
      (await h.inlooxApi.listProjects({ top: 1 })).items[0]!.ProjectId.toLowerCase(),
    );
    const days = (new Date(task.EndDateTime!).getTime() - new Date(task.StartDateTime!).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(7);
    expect(task.ContactId?.toLowerCase()).toBe((await h.inlooxApi.me()).ContactId.toLowerCase());
    expect(task.DescriptionHTML).toContain('<strong>Subject:</strong> Product News: the spring release is here');
    expect(task.DescriptionHTML).toContain('https://outlook.office.com/owa/?ItemID=');
    await page.screenshot({ path: path.join(DOCS, 'addin-quick-task.png') });

    // Pressed again later: the same task, nothing new.
    expect(await quickTask(page)).toBe(
      `Already in InLoox as “Product News: the spring release is here” (${projectName}).`,
    );
    expect(await tasksNamed('Product News: the spring release is here')).toHaveLength(1);
    // The pane, opened on the mail, knows it too.
    await page.locator('[data-mail-id="mail-plain-text"]').click();
    await page.locator('[data-mail-id="mail-newsletter"]').click();
    await pane.locator('.pane-filed__title').waitFor();
    await expect(pane.locator('.pane-filed__link').innerText()).resolves.toBe(
      'Product News: the spring release is here',
    );
    await page.close();
  });

  it('in German, an InLoox failure is told in the notification and nothing is created', async () => {
    const page = await openHost('lang=de&mail=mail-non-latin', (p) => {
      expectFailedResponse(p, 502, '/addin/api/quick-task');
    });
    const fault = h.sandbox.faults.add({ method: 'POST', path: 'Task*', status: 503, times: 10 });
    const text = await quickTask(page);
    h.sandbox.faults.remove(fault.id);
    expect(text).toMatch(/^Es wurde keine InLoox-Aufgabe erstellt: /);
    await expect(page.locator('.host-notification').getAttribute('data-type')).resolves.toBe('errorMessage');
    expect(await tasksNamed('見積書の送付 / Quote for sensors (Angebot Sensoren)')).toEqual([]);

    // Once InLoox is back, the same button works: the failed press left nothing behind that blocks it.
    expect(await quickTask(page)).toBe(
      `InLoox-Aufgabe „見積書の送付 / Quote for sensors (Angebot Sensoren)“ in ${projectName} erstellt.`,
    );
    expect(await tasksNamed('見積書の送付 / Quote for sensors (Angebot Sensoren)')).toHaveLength(1);
    await page.close();
  });

  it('asks to connect in the pane when the person is not connected', async () => {
    await h.services.connections.disconnect(DEV);
    const page = await openHost('mail=mail-no-body', (p) => expectFailedResponse(p, 409, '/addin/api/quick-task'));
    expect(await quickTask(page)).toBe(
      'No InLoox task was created: open the InLoox pane once and connect your account.',
    );
    await h.services.connections.connect(DEV, h.apiKey);
    await page.close();
  });
});
