import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { startTabHarness, type TabHarness } from './harness';

/** The tab as the product serves it: mounted by createApp, real bundle, default identity (local mode). */
describe('tab mounted in the product app', () => {
  let h: TabHarness;
  beforeAll(async () => {
    h = await startTabHarness({ app: (services) => createApp(services) });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves the page at the manifest contentUrl (/tab/index.html) and at /tab/', async () => {
    for (const url of ['/tab/index.html', '/tab/']) {
      const page = await h.call('GET', url);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<main id="app"');
    }
    const redirect = await fetch(`${h.baseUrl}/tab`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/tab/');
  });

  it('bundles the browser code with the real teams-js and the shared styles', async () => {
    const script = await h.call('GET', '/tab/tab.js');
    expect(script.status).toBe(200);
    expect(script.body.length).toBeGreaterThan(20_000);
    expect(script.body).toContain('registerOnThemeChangeHandler');
    const style = await h.call('GET', '/tab/tab.css');
    expect(style.body).toContain('[data-theme=contrast]');
    expect(style.body).toContain('--fx-bg-1');
  });

  it('answers the API with the development identity on loopback in local mode', async () => {
    const response = await h.call('GET', '/tab/api/connection');
    expect(response.status).toBe(200);
    expect(response.body.connected).toBe(false);
  });
});
