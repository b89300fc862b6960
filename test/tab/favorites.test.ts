/** The tab's "Only favorites" toggle: the API's favorites filter and the toggle in Chromium, English and German. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { screenshotDir } from '../helpers/screenshots';
import { buildStubbedTabAssets, openTeamsTab } from './teams-page';
import { ALICE, startTabHarness, type TabHarness } from './harness';

const DOCS = screenshotDir();

let h: TabHarness;
let browser: Browser;
let apiKey: string;

beforeAll(async () => {
  const assets = await buildStubbedTabAssets();
  h = await startTabHarness({
    env: { KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') },
    router: { assets: async () => assets },
  });
  apiKey = h.sandbox.accounts[0]!.apiKey;
  await h.services.connections.connect(ALICE, apiKey);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** The account's favorite project names, as the sandbox keeps them for this key. */
async function favoriteNames(): Promise<string[]> {
  const api = await h.services.connections.apiFor(ALICE);
  const page = await api.listProjects({ favoritesOnly: true });
  return page.items.map((p) => p.Name).sort();
}

async function openProjects(locale: string): Promise<Page> {
  const page = await openTeamsTab(browser, h.baseUrl, { locale }, { viewport: { width: 1000, height: 700 } });
  await page.getByRole('tab', { name: locale.startsWith('de') ? 'Projekte' : 'Projects' }).click();
  await page.locator('.tab-project').first().waitFor();
  return page;
}

const shownNames = async (page: Page) => (await page.locator('.tab-project__name').allTextContents()).sort();

describe('tab projects: only favorites', () => {
  it('GET /projects?favorites=true lists only the person’s favorites; without it, all projects', async () => {
    const favorites = await favoriteNames();
    expect(favorites.length).toBeGreaterThan(0);
    const only = await h.call('GET', '/tab/api/projects?favorites=true', { token: 'alice' });
    expect(only.status).toBe(200);
    expect(only.body.projects.map((p: { name: string }) => p.name).sort()).toEqual(favorites);
    expect(only.body.projects.every((p: { favorite: boolean }) => p.favorite)).toBe(true);
    const all = await h.call('GET', '/tab/api/projects', { token: 'alice' });
    expect(all.body.projects.length).toBeGreaterThan(favorites.length);
  });

  it('"Only favorites" narrows the list to the starred projects and back (en)', async () => {
    const favorites = await favoriteNames();
    const page = await openProjects('en-US');
    const all = await shownNames(page);
    const toggle = page.getByRole('button', { name: '★ Only favorites' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await page.waitForFunction((count) => document.querySelectorAll('.tab-project').length === count, favorites.length);
    expect(await shownNames(page)).toEqual(favorites);
    expect(await page.getByRole('button', { name: '★ Only favorites' }).getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: path.join(DOCS, 'tab-projects-favorites.png') });

    await page.getByRole('button', { name: '★ Only favorites' }).click();
    await page.waitForFunction((count) => document.querySelectorAll('.tab-project').length === count, all.length);
    expect(await shownNames(page)).toEqual(all);
    await page.close();
  });

  it('"Nur Favoriten" in German; no favorites says how to add one', async () => {
    const api = await h.services.connections.apiFor(ALICE);
    const starred = (await api.listProjects({ favoritesOnly: true })).items;
    const page = await openProjects('de-DE');
    await page.getByRole('button', { name: '★ Nur Favoriten' }).click();
    await page.waitForFunction((count) => document.querySelectorAll('.tab-project').length === count, starred.length);
    expect(await shownNames(page)).toEqual(starred.map((p) => p.Name).sort());
    await page.close();

    for (const project of starred) await api.setFavorite(project.ProjectId, false);
    try {
      // With no favorites the list still opens with every project; the toggle then shows the empty state.
      const empty = await openProjects('de-DE');
      await empty.getByRole('button', { name: '★ Nur Favoriten' }).click();
      await empty.getByText('Keine Favoriten').waitFor();
      expect(await empty.locator('.tab-project').count()).toBe(0);
      expect(await empty.getByText(/als Favorit, dann erscheint es hier/).count()).toBe(1);
      expect(await empty.getByRole('button', { name: '★ Nur Favoriten' }).getAttribute('aria-pressed')).toBe('true');
      await empty.close();
    } finally {
      for (const project of starred) await api.setFavorite(project.ProjectId, true);
    }
  });
});
