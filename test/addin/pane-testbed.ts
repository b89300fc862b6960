/** What every task pane browser test starts with: the add-in server and a headless Chromium, started side by side. */
import type { Browser, BrowserContextOptions, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Project, Task } from '../../shared/inloox/types';
import { launchChromium } from '../helpers/browser';
import { DEV, startAddinHarness, type AddinHarness } from './harness';

export interface PaneTestbed {
  h: AddinHarness;
  browser: Browser;
  /** The sandbox account's first project, the one the tests pick in forms. */
  project: Project;
}

/** connected: the dev user starts connected to the sandbox account. */
export async function startPaneTestbed(options: { connected?: boolean } = {}): Promise<PaneTestbed> {
  const [h, browser] = await Promise.all([startAddinHarness(), launchChromium()]);
  const project = (await h.inlooxApi.listProjects({ top: 1 })).items[0]!;
  if (options.connected) await h.services.connections.connect(DEV, h.apiKey);
  return { h, browser, project };
}

/**
 * A new page on the local Outlook host (`query` picks the item, e.g. `mail=...`) and its pane's frame; `declare`
 * runs before the page loads (the errors a test provokes on purpose).
 */
export async function openOutlookHost(
  browser: Browser,
  h: AddinHarness,
  query: string,
  page: BrowserContextOptions = {},
  declare: (page: Page) => void = () => {},
): Promise<{ page: Page; pane: FrameLocator }> {
  const opened = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    ...page,
  });
  declare(opened);
  await opened.goto(`${h.baseUrl}/dev/outlook?${query}`);
  return { page: opened, pane: opened.frameLocator('iframe.host-pane') };
}

/** Types the start of the project's name into the project picker and picks it. */
export async function pickProject(pane: FrameLocator, projectName: string, field = '#field-project'): Promise<void> {
  await pane.locator(field).fill(projectName.slice(0, 6));
  await pane.locator('.fx-option[data-id]', { hasText: projectName }).first().click();
}

export async function tasksNamed(h: AddinHarness, name: string): Promise<Task[]> {
  return (await h.inlooxApi.listTasks({ search: name, top: 10 })).items.filter((t) => t.Name === name);
}

/** Starts the testbed before the file's tests, hands it to `started` (which keeps what it needs), closes it after. */
export function usePaneTestbed(
  options: { connected?: boolean },
  started: (testbed: PaneTestbed) => void | Promise<void>,
): void {
  let testbed: PaneTestbed | undefined;
  beforeAll(async () => {
    testbed = await startPaneTestbed(options);
    await started(testbed);
  });
  afterAll(() => closePaneTestbed(testbed?.h, testbed?.browser));
}

/** The browser first (its pages talk to the server); either may be missing when the start failed. */
export async function closePaneTestbed(h: AddinHarness | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await h?.close();
}
