/**
 * Outlook add-in: gzip size of what the task pane loads (its JS and CSS, built by addin/build.ts) and, in headless
 * Chromium on the local Outlook host page (/dev/outlook, Office.js stub) against the real add-in API and sandbox,
 * the time to the pane's first render and to the form prefilled from the open mail.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { buildAddinAssets } from '../addin/build';
import { DEV, startAddinHarness } from '../test/addin/harness';
import { launchChromium } from '../test/helpers/browser';

export interface AddinLoad {
  /** From the pane document's navigation start (its own performance clock). */
  firstContentfulPaintMs: number;
  firstRenderMs: number;
  prefilledFormMs: number;
  /** Wall clock from opening the host page to the prefilled form, as a person waits. */
  hostToFormMs: number;
}

export interface AddinResult {
  files: { name: string; bytes: number; gzipBytes: number }[];
  taskpaneGzipBytes: number;
  runs: number;
  mail: string;
  loads: AddinLoad[];
  median: AddinLoad;
  chromium: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

export async function benchAddin(options: { runs: number }): Promise<AddinResult> {
  const assets = await buildAddinAssets();
  const files = ['taskpane.js', 'taskpane.css'].map((name) => {
    const contents = assets.files.get(name)!.contents;
    return { name, bytes: contents.length, gzipBytes: gzipSync(contents, { level: 9 }).length };
  });
  const harness = await startAddinHarness();
  let browser: Browser | undefined;
  try {
    await harness.services.connections.connect(DEV, harness.apiKey);
    browser = await launchChromium();
    const mail = 'mail-reply-chain';
    const loads: AddinLoad[] = [];
    // One unmeasured load warms the server's bundle cache and Chromium's code paths.
    for (let run = -1; run < options.runs; run++) {
      const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin' });
      const page = await context.newPage();
      const opened = performance.now();
      await page.goto(`${harness.baseUrl}/dev/outlook?mail=${mail}`);
      const frameElement = await page.waitForSelector('iframe.host-pane');
      const frame = (await frameElement.contentFrame())!;
      const formAt = await frame.waitForFunction(
        () => {
          const input = document.querySelector<HTMLInputElement>('#field-name');
          return input && input.value ? performance.now() : false;
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      const hostToFormMs = Math.round(performance.now() - opened);
      const prefilledFormMs = Math.round((await formAt.jsonValue()) as number);
      const timings = await frame.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
        firstRender: performance.getEntriesByName('taskpane-first-render')[0]?.startTime ?? -1,
      }));
      if (run >= 0)
        loads.push({
          firstContentfulPaintMs: Math.round(timings.fcp),
          firstRenderMs: Math.round(timings.firstRender),
          prefilledFormMs,
          hostToFormMs,
        });
      await context.close();
    }
    return {
      files,
      taskpaneGzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
      runs: options.runs,
      mail,
      loads,
      median: {
        firstContentfulPaintMs: median(loads.map((l) => l.firstContentfulPaintMs)),
        firstRenderMs: median(loads.map((l) => l.firstRenderMs)),
        prefilledFormMs: median(loads.map((l) => l.prefilledFormMs)),
        hostToFormMs: median(loads.map((l) => l.hostToFormMs)),
      },
      chromium: browser.version(),
    };
  } finally {
    await browser?.close();
    await harness.close();
  }
}
