/**
 * The task pane's custom fields in headless Chromium on the local Outlook host page, against the real server API
 * and the InLoox sandbox: a task created from a mail with its custom fields (values read back from the sandbox),
 * and a wrong value in German, refused before anything is created with the form as it was.
 */
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectFailedResponse } from '../helpers/browser';
import { screenshotDir } from '../helpers/screenshots';
import type { AddinHarness } from './harness';
import {
  openOutlookHost,
  pickProject as pickTheProject,
  tasksNamed as tasksNamedIn,
  usePaneTestbed,
} from './pane-testbed';

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

async function openHost(query: string, declare: (page: Page) => void = () => {}) {
  const opened = await openOutlookHost(browser, h, query, {}, declare);
  await opened.pane.locator('#field-name').waitFor();
  return opened;
}

const pickProject = (pane: FrameLocator) => pickTheProject(pane, projectName);
const tasksNamed = (name: string) => tasksNamedIn(h, name);

describe('Outlook task pane: custom fields (browser)', () => {
  it('creates a task from a mail with its custom fields; the sandbox has every value', async () => {
    const { page, pane } = await openHost('mail=mail-reply-chain');
    // The field InLoox warns about when empty is there at once; the others wait behind "More fields".
    const category = pane.getByLabel('Kategorie');
    await category.waitFor();
    await expect(pane.locator('#field-cf_TicketNumber').isVisible()).resolves.toBe(false);
    await pickProject(pane);
    await category.selectOption('Entwicklung');
    await pane.getByText('More fields').click();
    await pane.getByLabel('Abrechenbar').check();
    await pane.getByLabel('Ticket-Nr.').fill('4711');
    await pane.getByLabel('Kundentermin', { exact: true }).fill('2026-05-04');
    await pane.getByLabel('Kundentermin: time').fill('14:30');
    await pane.getByLabel('Stundensatz (€)').fill('1,250.50');
    await pane.locator('.pane-cf').screenshot({ path: path.join(DOCS, 'addin-custom-fields.png') });
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-done').waitFor();
    await expect(pane.locator('.pane-done .fx-message').count()).resolves.toBe(0);

    const [task] = await tasksNamed('Website relaunch – timeline');
    expect(task).toBeDefined();
    const values = await h.inlooxApi.customFieldValues('TaskItem', task!.TaskItemId, [
      'Billable',
      'Category',
      'TicketNumber',
      'CustomerDeadline',
      'HourlyRate',
    ]);
    expect(values.Billable?.toLowerCase()).toBe('true');
    expect(values.Category).toBe('Entwicklung');
    expect(values.TicketNumber).toBe('4711');
    expect(Number(values.HourlyRate)).toBe(1250.5);
    expect(new Date(values.CustomerDeadline!).toISOString()).toBe('2026-05-04T12:30:00.000Z');
    await page.close();
  });

  it('in German, a wrong value is refused before anything is created, naming the field, and the form keeps it all', async () => {
    const { page, pane } = await openHost('lang=de&mail=mail-plain-text', (p) =>
      expectFailedResponse(p, 400, '/addin/api/tasks'),
    );
    await pane.getByLabel('Kategorie').waitFor();
    await pickProject(pane);
    await pane.getByLabel('Kategorie').selectOption('Design');
    await pane.getByText('Weitere Felder').click();
    await pane.getByLabel('Ticket-Nr.').fill('12,5');
    await pane.getByLabel('Stundensatz (€)').fill('80,5');
    await pane.getByRole('button', { name: 'Aufgabe erstellen' }).click();
    const error = pane.locator('.pane-status .fx-message--error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toContain(
      'Bitte prüfen Sie Ihre Eingaben: Ticket-Nr.: Bitte geben Sie eine ganze Zahl ein.',
    );
    await expect(pane.getByLabel('Ticket-Nr.').getAttribute('aria-invalid')).resolves.toBe('true');
    // Said next to the field too, where the focus went.
    await expect(pane.locator('#field-cf_TicketNumber-error').innerText()).resolves.toContain(
      'Ticket-Nr.: Bitte geben Sie eine ganze Zahl ein.',
    );
    await expect(pane.getByLabel('Ticket-Nr.').inputValue()).resolves.toBe('12,5');
    await expect(pane.getByLabel('Stundensatz (€)').inputValue()).resolves.toBe('80,5');
    await expect(pane.getByLabel('Kategorie').inputValue()).resolves.toBe('Design');
    await pane.locator('.pane-cf').screenshot({ path: path.join(DOCS, 'addin-custom-fields-error-de.png') });
    expect(await tasksNamed('Server maintenance window on Saturday')).toEqual([]);

    // Corrected, the same form creates the task once, with the German decimal comma read as such.
    await pane.getByLabel('Ticket-Nr.').fill('12');
    await pane.getByRole('button', { name: 'Aufgabe erstellen' }).click();
    await pane.locator('.pane-done').waitFor();
    const created = await tasksNamed('Server maintenance window on Saturday');
    expect(created).toHaveLength(1);
    expect(
      await h.inlooxApi.customFieldValues('TaskItem', created[0]!.TaskItemId, [
        'Category',
        'TicketNumber',
        'HourlyRate',
      ]),
    ).toEqual({ Category: 'Design', TicketNumber: '12', HourlyRate: '80.5' });
    await page.close();
  });

  it('keeps the task when InLoox refuses the fields and tells which were not saved', async () => {
    const { page, pane } = await openHost('mail=mail-newsletter');
    await pane.getByLabel('Kategorie').waitFor();
    await pickProject(pane);
    await pane.getByLabel('Kategorie').selectOption('Marketing');
    const fault = h.sandbox.faults.add({ method: 'POST', path: 'CustomField*', status: 503, times: 20 });
    await pane.getByRole('button', { name: 'Create task' }).click();
    await pane.locator('.pane-done').waitFor();
    h.sandbox.faults.remove(fault.id);
    await expect(pane.locator('.pane-done .fx-message--warning').innerText()).resolves.toContain(
      'Created, but these fields were not saved: Kategorie.',
    );
    expect(await tasksNamed('Product News: the spring release is here')).toHaveLength(1);
    await page.close();
  });
});
