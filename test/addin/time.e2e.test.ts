/**
 * Booking time from the Outlook pane, in headless Chromium on the local Outlook host page and its Office.js stub,
 * against the real server API and sandbox: "Log time for this email" (English, a double click, a bad duration in
 * German) and "Book as time" on an appointment (prefilled from the meeting, already booked on reopening, booked
 * again only on request, another occurrence of the series on its own, a German end before the start).
 */
import path from 'node:path';
import type { Browser, FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../shared/inloox/time';
import type { Task } from '../../shared/inloox/types';
import { screenshotDir } from '../helpers/screenshots';
import { DEV, type AddinHarness } from './harness';
import { closePaneTestbed, openOutlookHost, startPaneTestbed } from './pane-testbed';

const DOCS = screenshotDir();

let h: AddinHarness;
let browser: Browser;
let billableTask: Task;
let otherTask: Task;
let meetings: { id: string; date: string; end: string }[];

beforeAll(async () => {
  ({ h, browser } = await startPaneTestbed({ connected: true }));
  const tasks = (await h.inlooxApi.listTasks({ open: true, top: 100 })).items.filter((t) => t.ProjectId && t.Name);
  [billableTask, otherTask] = [tasks[0]!, tasks.find((t) => t.Name!.slice(0, 8) !== tasks[0]!.Name!.slice(0, 8))!];
  // The demo tasks are not billable; one is made so, to see the form take over the task's default.
  h.sandbox.data(h.apiKey).update('Task', billableTask.TaskItemId, { IsBillable: true });
  meetings = ((await (await fetch(`${h.baseUrl}/dev/outlook/mails.json`)).json()) as { mails: typeof meetings }).mails;
});

afterAll(() => closePaneTestbed(h, browser));

const openHost = (query: string, locale = 'en-GB') => openOutlookHost(browser, h, query, { locale });

async function pickTask(pane: FrameLocator, task: Task): Promise<void> {
  await pane.locator('#time-task').fill(task.Name!.slice(0, 8));
  await pane.locator(`.fx-option[data-id="${task.TaskItemId}"]`).click();
}

const entriesNamed = async (name: string): Promise<TimeEntry[]> =>
  (await h.inlooxApi.listTimeEntries({ top: 500 })).items.filter((e) => e.DisplayName === name);

/** What the browser in Berlin shows for an instant: yyyy-mm-dd and HH:MM. */
function berlin(iso: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  const [date, time] = parts.split(' ');
  return { date: date!, time: time! };
}

describe('Outlook pane: log time for this email (browser)', () => {
  it('books the time spent on a mail once on a double click, named after the subject, billable from the task', async () => {
    const { page, pane } = await openHost('mail=mail-reply-chain');
    await pane.getByRole('button', { name: 'Log time for this email' }).click();
    await expect(pane.locator('#time-name').inputValue()).resolves.toBe('Website relaunch – timeline');
    await expect(pane.locator('#time-date').inputValue()).resolves.toBe(berlin(new Date().toISOString()).date);
    await expect(pane.locator('#time-billable').isChecked()).resolves.toBe(false);
    await pickTask(pane, billableTask);
    // The task's default: billable.
    await expect(pane.locator('#time-billable').isChecked()).resolves.toBe(true);
    await pane.locator('#time-duration').fill('1.5h');
    await page.screenshot({ path: path.join(DOCS, 'addin-log-time.png') });

    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/addin/api/time/mail')) posts.push(request.method());
    });
    await pane.getByRole('button', { name: 'Book time' }).dblclick();
    await pane.locator('.pane-done').waitFor();
    await expect(pane.locator('.pane-done .pane-text').innerText()).resolves.toBe(
      '1:30 h booked as “Website relaunch – timeline”.',
    );
    const [entry, ...more] = await entriesNamed('Website relaunch – timeline');
    expect(more).toEqual([]);
    expect(posts.length).toBeLessThanOrEqual(2);
    expect(entry).toMatchObject({ DurationMinutes: 90, IsBillable: true, TaskItemId: billableTask.TaskItemId });
    expect(Date.now() - Date.parse(entry!.EndDateTime!)).toBeLessThan(5 * 60_000);
    await expect(pane.getByRole('link', { name: 'Open in InLoox' }).getAttribute('href')).resolves.toMatch(
      new RegExp(`/task/${billableTask.TaskItemId}$`, 'i'),
    );
    await page.close();
  });

  it('in German, says why a duration cannot be read, with an example, and books nothing until it can', async () => {
    const { page, pane } = await openHost('lang=de&mail=mail-german', 'de-DE');
    await pane.getByRole('button', { name: 'Zeit für diese E-Mail buchen' }).click();
    await expect(pane.locator('#time-name').inputValue()).resolves.toBe(
      'Einladung: Abstimmung Projektplan Q3 – Größe & Budget',
    );
    await pickTask(pane, otherTask);
    await expect(pane.locator('#time-billable').isChecked()).resolves.toBe(false);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/addin/api/time/mail')) posts.push(request.method());
    });
    await pane.locator('#time-duration').fill('anderthalb');
    await pane.getByRole('button', { name: 'Zeit buchen' }).click();
    const error = pane.locator('#time-duration-error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toBe(
      '„anderthalb“ kann ich nicht als Dauer lesen (zum Beispiel 1,5h, 90m oder 1:30).',
    );
    await expect(pane.locator('#time-duration').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(pane.locator('.pane-status').innerText()).resolves.toContain(
      'Bitte prüfen Sie die markierten Felder.',
    );
    await page.screenshot({ path: path.join(DOCS, 'addin-log-time-error-de.png') });
    expect(posts).toEqual([]);
    // What was typed stays; corrected, it books.
    await expect(pane.locator('#time-name').inputValue()).resolves.toBe(
      'Einladung: Abstimmung Projektplan Q3 – Größe & Budget',
    );
    await pane.locator('#time-duration').fill('1,5 h');
    await pane.getByRole('button', { name: 'Zeit buchen' }).click();
    await pane.locator('.pane-done').waitFor();
    await expect(pane.locator('.pane-done .pane-text').innerText()).resolves.toBe(
      '1:30 Std. als „Einladung: Abstimmung Projektplan Q3 – Größe & Budget“ gebucht.',
    );
    expect(await entriesNamed('Einladung: Abstimmung Projektplan Q3 – Größe & Budget')).toHaveLength(1);
    await page.close();
  });
});

describe('Outlook pane: book a meeting as time (browser)', () => {
  it('prefills subject, start and end from the appointment and books one entry', async () => {
    const meeting = meetings.find((m) => m.id === 'appt-weekly-sync')!;
    const { page, pane } = await openHost('appointment=appt-weekly-sync');
    await pane.getByRole('heading', { name: 'Book as time' }).waitFor();
    await expect(pane.locator('#time-name').inputValue()).resolves.toBe('Weekly project sync');
    await expect(pane.locator('#time-date').inputValue()).resolves.toBe(berlin(meeting.date).date);
    await expect(pane.locator('#time-from').inputValue()).resolves.toBe(berlin(meeting.date).time);
    await expect(pane.locator('#time-to').inputValue()).resolves.toBe(berlin(meeting.end).time);
    await expect(pane.locator('.pane-email__meta').innerText()).resolves.toContain('Microsoft Teams meeting');
    await pickTask(pane, billableTask);
    await page.screenshot({ path: path.join(DOCS, 'addin-book-meeting.png') });
    await pane.getByRole('button', { name: 'Book time' }).dblclick();
    await pane.locator('.pane-done').waitFor();
    await expect(pane.locator('.pane-done .pane-text').innerText()).resolves.toBe(
      '0:45 h booked as “Weekly project sync”.',
    );
    const entries = await entriesNamed('Weekly project sync');
    expect(entries).toHaveLength(1);
    expect(new Date(entries[0]!.StartDateTime!).toISOString()).toBe(meeting.date);
    expect(new Date(entries[0]!.EndDateTime!).toISOString()).toBe(meeting.end);
    expect(entries[0]).toMatchObject({ DurationMinutes: 45, IsBillable: true, TaskItemId: billableTask.TaskItemId });
    await page.close();
  });

  it('reopened, says when and as what it was booked and books again only when asked', async () => {
    const { page, pane } = await openHost('appointment=appt-weekly-sync');
    const banner = pane.locator('.pane-booked');
    await banner.waitFor();
    const today = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Berlin',
    }).format(new Date());
    await expect(banner.locator('.pane-booked__text').innerText()).resolves.toBe(
      `Already booked on ${today} as “Weekly project sync” (0:45 h).`,
    );
    await expect(pane.locator('#time-name').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(DOCS, 'addin-meeting-already-booked.png') });

    // Another occurrence of the same series is not booked yet: the form, no banner.
    await page.locator('[data-mail-id="appt-weekly-sync-previous"]').click();
    await pane.locator('#time-name').waitFor();
    await expect(pane.locator('.pane-booked').count()).resolves.toBe(0);
    await page.locator('[data-mail-id="appt-weekly-sync"]').click();
    await banner.waitFor();

    await banner.getByRole('button', { name: 'Book again' }).click();
    await pane.locator('#time-name').fill('Weekly project sync (follow-up)');
    await pickTask(pane, otherTask);
    await pane.getByRole('button', { name: 'Book time' }).click();
    await pane.locator('.pane-done').waitFor();
    expect(await entriesNamed('Weekly project sync')).toHaveLength(1);
    expect(await entriesNamed('Weekly project sync (follow-up)')).toHaveLength(1);
    await page.close();
  });

  it('in German, refuses an end before the start at the field and books nothing', async () => {
    const { page, pane } = await openHost('lang=de&appointment=appt-projektplan', 'de-DE');
    await pane.getByRole('heading', { name: 'Als Zeit buchen' }).waitFor();
    await expect(pane.locator('#time-name').inputValue()).resolves.toBe('Abstimmung Projektplan Q3');
    await pickTask(pane, otherTask);
    await pane.locator('#time-to').fill('08:00');
    await pane.getByRole('button', { name: 'Zeit buchen' }).click();
    await expect(pane.locator('#time-to-error').innerText()).resolves.toBe('Das Ende muss nach dem Beginn liegen.');
    expect(await entriesNamed('Abstimmung Projektplan Q3')).toEqual([]);
    await pane.locator('#time-to').fill('15:00');
    await pane.getByRole('button', { name: 'Zeit buchen' }).click();
    await pane.locator('.pane-done').waitFor();
    const [entry] = await entriesNamed('Abstimmung Projektplan Q3');
    expect(berlin(entry!.EndDateTime!).time).toBe('15:00');
    await page.close();
  });

  it('asks to connect first when the person is not connected, then offers the meeting form', async () => {
    await h.services.connections.disconnect(DEV);
    const { page, pane } = await openHost('appointment=appt-weekly-sync-previous');
    await pane.locator('#api-key').fill(h.apiKey);
    await pane.getByRole('button', { name: 'Connect' }).click();
    await pane.getByRole('heading', { name: 'Book as time' }).waitFor();
    await expect(pane.locator('#time-name').inputValue()).resolves.toBe('Weekly project sync');
    await page.close();
  });
});
