/** What every task pane browser test starts with: the add-in server and a headless Chromium, started side by side. */
import type { Browser } from 'playwright-core';
import type { Project } from '../../shared/inloox/types';
import { launchChromium } from '../helpers/browser';
import { startAddinHarness, type AddinHarness } from './harness';

export interface PaneTestbed {
  h: AddinHarness;
  browser: Browser;
  /** The sandbox account's first project, the one the tests pick in forms. */
  project: Project;
}

export async function startPaneTestbed(): Promise<PaneTestbed> {
  const [h, browser] = await Promise.all([startAddinHarness(), launchChromium()]);
  const project = (await h.inlooxApi.listProjects({ top: 1 })).items[0]!;
  return { h, browser, project };
}

/** The browser first (its pages talk to the server); either may be missing when the start failed. */
export async function closePaneTestbed(h: AddinHarness | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await h?.close();
}
