/**
 * Custom fields in the tab's task and project details, in Chromium with a stubbed Teams host against the sandbox:
 * by section, formatted in the person's language, empty fields InLoox warns about marked.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { screenshotDir } from '../helpers/screenshots';
import type { TeamsStubState } from './fixtures/teams-js-stub';
import { buildStubbedTabAssets, openTeamsTab } from './teams-page';
import { ALICE, startTabHarness, type TabHarness } from './harness';

const DOCS = screenshotDir();

let browser: Browser;
let h: TabHarness;
let apiKey: string;

beforeAll(async () => {
  const assets = await buildStubbedTabAssets();
  [h, browser] = await Promise.all([startTabHarness({ router: { assets: async () => assets } }), launchChromium()]);
  apiKey = h.sandbox.accounts[0]!.apiKey;
  await h.services.connections.connect(ALICE, apiKey);
  // One open task of the person's own with custom fields, so My tasks has one to show.
  const data = h.sandbox.data(apiKey);
  const account = h.sandbox.accounts[0]!;
  const project = data.list('Project').find((p) => p.Name === 'Website Relaunch')!;
  const task = data.create('Task', {
    Name: 'Prepare the sensor offer',
    ProjectId: project.ProjectId,
    ContactId: account.contactId,
    EndDateTime: '2026-12-18T16:00:00Z',
    IsDone: false,
  });
  await (
    await h.services.connections.apiFor(ALICE)
  ).saveCustomFields(String(task.TaskItemId), {
    Billable: 'true',
    TicketNumber: '20931',
    CustomerDeadline: '2026-12-15T13:30:00Z',
    HourlyRate: '1250.5',
  });
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function openTab(locale: string, theme: TeamsStubState['theme'] = 'default'): Promise<Page> {
  const page = await openTeamsTab(
    browser,
    h.baseUrl,
    { locale, theme },
    { viewport: { width: 1000, height: 900 }, timezoneId: 'Europe/Berlin' },
  );
  await page.locator('.tab-task').first().waitFor();
  return page;
}

/** The shown fields of one details disclosure as "label = value" lines, per section heading. */
async function shownFields(page: Page, selector: string): Promise<string[]> {
  const details = page.locator(selector).locator('.tab-fields');
  await details.locator('summary').click();
  await details.locator('.tab-fields__list').first().waitFor();
  return details.locator('.tab-fields__section').evaluateAll((sections) =>
    sections.flatMap((section) => {
      const heading = section.querySelector('h3')?.textContent ?? '';
      const labels = [...section.querySelectorAll('dt')].map((dt) => dt.textContent);
      const values = [...section.querySelectorAll('dd')].map((dd) => dd.textContent);
      return labels.map((label, i) => `${heading} | ${label} = ${values[i]}`);
    }),
  );
}

describe('Teams tab: custom fields in the details (Chromium)', () => {
  it('shows a task’s custom fields by section, in German, with the empty warned-about field marked', async () => {
    const page = await openTab('de-DE');
    const row = page.locator('.tab-task', { hasText: 'Prepare the sensor offer' });
    expect(await shownFields(page, '.tab-task:has-text("Prepare the sensor offer")')).toEqual([
      'Aufgabendetails | Abrechenbar = Ja',
      'Aufgabendetails | Kategorie = ⚠ Nicht ausgefüllt',
      'Aufgabendetails | Ticket-Nr. = 20.931',
      'Aufgabendetails | Kundentermin = 15.12.2026, 14:30',
      'Aufgabendetails | Stundensatz = 1.250,50 €',
    ]);
    await expect(row.locator('.tab-fields__value--missing').textContent()).resolves.toBe('⚠ Nicht ausgefüllt');
    await row.screenshot({ path: path.join(DOCS, 'tab-task-custom-fields-de.png') });
    await page.close();
  });

  it('shows a project’s custom fields by section in English, and keeps them open across a re-render', async () => {
    const page = await openTab('en-GB');
    await page.getByRole('tab', { name: 'Projects' }).click();
    const card = '.tab-project:has-text("Messestand Hannover 2026")';
    await page.locator(card).waitFor();
    const shown = await shownFields(page, card);
    expect(shown.slice(0, 2)).toEqual(['Allgemein | Region = DACH', 'Allgemein | Kundennummer = ⚠ Not filled in']);
    expect(shown).toContain('Finanzen | Budget = €48,000.00');
    expect(shown).toContain('Finanzen | Vertrag unterschrieben = No');
    expect(shown.some((line) => line.includes('Vertragsnummer'))).toBe(false);
    await page.locator(card).screenshot({ path: path.join(DOCS, 'tab-project-custom-fields.png') });

    // Back and forth between the views: the details stay open and are not read again.
    const reads = h.sandbox.requestLog.entries().length;
    await page.getByRole('tab', { name: 'My tasks' }).click();
    await page.getByRole('tab', { name: 'Projects' }).click();
    await expect(page.locator(card).locator('.tab-fields').getAttribute('open')).resolves.toBe('');
    await expect(page.locator(card).locator('.tab-fields__value--missing').textContent()).resolves.toBe(
      '⚠ Not filled in',
    );
    expect(
      h.sandbox.requestLog
        .entries()
        .slice(reads)
        .filter((e) => e.url.includes('Dynamic')),
    ).toEqual([]);
    await page.close();
  });
});
