/** The tab's Time view in Chromium: the week with totals, the running timer stopped and booked, and "Log time". */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { launchChromium } from '../helpers/browser';
import { screenshotDir } from '../helpers/screenshots';
import { buildStubbedTabAssets, openTeamsTab } from './teams-page';
import { ALICE, startTabHarness, type TabHarness } from './harness';

describe('Teams tab: Time view in Chromium', () => {
  let browser: Browser;
  let h: TabHarness;
  let api: InLooxApi;
  let apiKey: string;

  beforeAll(async () => {
    const assets = await buildStubbedTabAssets();
    h = await startTabHarness({ router: { assets: async () => assets } });
    apiKey = h.sandbox.accounts[0]!.apiKey;
    await h.services.connections.connect(ALICE, apiKey);
    api = await h.services.connections.apiFor(ALICE);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function openTime(locale = 'en-US'): Promise<Page> {
    const page = await openTeamsTab(
      browser,
      h.baseUrl,
      { locale },
      { viewport: { width: 1000, height: 900 }, timezoneId: 'Europe/Berlin' },
    );
    await page.getByRole('tab', { name: locale.startsWith('de') ? 'Zeit' : 'Time' }).click();
    await page.locator('#tab-time-log').waitFor({ timeout: 10_000 });
    return page;
  }

  it('shows the week with totals, stops and books the running timer, and logs time', async () => {
    const me = await api.currentContactId();
    const task = (await api.myTasks({ top: 20 })).items.find((t) => t.ProjectId)!;
    await api.startStopwatch(task.TaskItemId);
    const page = await openTime();

    const seeded = (await api.listTimeEntries({ performedByContactId: me })).items;
    expect(await page.locator('#tab-time-total').textContent()).toMatch(/^Total \d+:\d\d h$/);
    expect(await page.locator('.tab-time__entry').count()).toBeGreaterThan(0);
    expect(await page.locator('.tab-time__timer-task').textContent()).toContain(task.Name!);
    await page.screenshot({ path: path.join(screenshotDir(), 'tab-time-light.png') });

    await page.locator('#tab-time-stop').click();
    await page.getByText('Booked 0:05 h.').waitFor();
    expect(await api.getStopwatch(task.TaskItemId)).toBeUndefined();
    const afterStop = (await api.listTimeEntries({ taskId: task.TaskItemId })).items;
    expect(afterStop.filter((e) => e.DurationMinutes === 5)).toHaveLength(1);

    await page.selectOption('#tab-time-task', task.TaskItemId);
    await page.fill('#tab-time-duration', 'soon');
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByText('I cannot read "soon" as a duration (for example 1.5h, 90m or 1:30).').waitFor();

    await page.fill('#tab-time-duration', '1,5 h');
    await page.fill('#tab-time-note', 'Tab booking');
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    // The refusal kept what was typed: the task is still chosen.
    expect(await page.locator('#tab-time-task').inputValue()).toBe(task.TaskItemId);
    await page.getByText('Booked 1:30 h.').waitFor({ timeout: 10_000 });
    const logged = (await api.listTimeEntries({ taskId: task.TaskItemId })).items.filter((e) =>
      e.DescriptionHTML?.includes('Tab booking'),
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ DurationMinutes: 90, PerformedByContactId: me });
    expect((await api.listTimeEntries({ performedByContactId: me })).items.length).toBe(seeded.length + 2);
    await page.close();
  });

  it('speaks German', async () => {
    const page = await openTime('de-DE');
    expect(await page.locator('#tab-time-total').textContent()).toMatch(/^Summe \d+:\d\d Std\.$/);
    await page.fill('#tab-time-duration', '0');
    await page.selectOption('#tab-time-task', { index: 1 });
    await page.getByRole('button', { name: 'Buchen', exact: true }).click();
    await page.getByText('Die Dauer muss größer als 0 sein (zum Beispiel 1,5h, 90m oder 1:30).').waitFor();
    await page.close();
  });
});
