/**
 * Renders every card the bot can send with the adaptivecards library's own renderer in headless Chromium, with a
 * Teams-like light host config, and saves screenshots of the main cards under docs/.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSubmitOnly, type AdaptiveCardJson } from '../../shared/cards';
import { launchChromium } from '../helpers/browser';
import { everyCard } from './card-fixtures';
import { screenshotDir } from '../helpers/screenshots';

const require = createRequire(import.meta.url);
const ADAPTIVE_CARDS_JS = require.resolve('adaptivecards/dist/adaptivecards.js');
const DOCS = screenshotDir();

/** Close to Teams' light theme: Segoe-like font, Teams purple accent, subtle container styles. */
export const TEAMS_LIGHT_HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E1DFDD' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7', subtle: '#6264A7' },
        good: { default: '#237B4B', subtle: '#2E8B57' },
        warning: { default: '#835B00', subtle: '#8A6100' },
        attention: { default: '#C4314B', subtle: '#C4314B' },
        dark: { default: '#242424', subtle: '#424242' },
        light: { default: '#FFFFFF', subtle: '#F5F5F5' },
      },
    },
    emphasis: { backgroundColor: '#F5F5F5' },
    accent: { backgroundColor: '#E8EBFA' },
    good: { backgroundColor: '#E7F2DA' },
    attention: { backgroundColor: '#FCF4F6' },
    warning: { backgroundColor: '#FBF6D9' },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 8 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  inputs: { label: { requiredInputs: { suffix: ' *', suffixColor: 'attention' }, optionalInputs: {} } },
};

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; padding: 16px; background: #f5f5f5; font-family: 'Segoe UI', Arial, sans-serif; }
  #card { width: 520px; background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.15); overflow: hidden; }
  .ac-pushButton { border: 1px solid #d1d1d1; border-radius: 4px; background: #fff; padding: 5px 12px; font: 600 14px 'Segoe UI', Arial, sans-serif; color: #242424; cursor: pointer; }
  .ac-pushButton.style-positive { background: #5B5FC7; color: #fff; border-color: #5B5FC7; }
  .ac-pushButton.style-destructive { background: #C4314B; color: #fff; border-color: #C4314B; }
  .ac-input { font: 14px 'Segoe UI', Arial, sans-serif; border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 8px; box-sizing: border-box; }
  .ac-textInput.ac-multiline { height: 72px; }
  .ac-choiceSetInput-filtered-container { position: relative; width: 100%; }
  .ac-choiceSetInput-filtered-textbox { width: 100%; box-sizing: border-box; font: 14px 'Segoe UI', Arial, sans-serif; border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 8px; }
  .ac-choiceSetInput-filtered-dropdown { display: none; }
  .ac-choiceSetInput-filtered-dropdown-open { display: block; position: absolute; background: #fff; border: 1px solid #d1d1d1; }
  .ac-choiceSetInput-filtered, .ac-choiceSetInput-filtered.ac-input { border: none !important; padding: 0 !important; }
</style></head><body><div id="card"></div></body></html>`;

interface RenderResult {
  errors: string[];
  height: number;
  text: string;
}

async function render(page: Page, card: AdaptiveCardJson): Promise<RenderResult> {
  return page.evaluate(
    ({ card, hostConfig }) => {
      const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
      const target = document.getElementById('card')!;
      target.innerHTML = '';
      const adaptiveCard = new AC.AdaptiveCard();
      adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
      const context = new AC.SerializationContext();
      adaptiveCard.parse(card, context);
      const errors: string[] = [];
      for (let i = 0; i < context.eventCount; i++) errors.push(context.getEventAt(i).message);
      const element = adaptiveCard.render();
      if (!element) return { errors: [...errors, 'render() returned nothing'], height: 0, text: '' };
      target.appendChild(element);
      return { errors, height: element.getBoundingClientRect().height, text: element.innerText };
    },
    { card, hostConfig: TEAMS_LIGHT_HOST_CONFIG },
  );
}

const SCREENSHOTS: Record<string, string> = {
  'timer running': 'cards-timer.png',
  'timer booking form': 'cards-timer-book.png',
  'my time week': 'cards-my-time.png',
  welcome: 'cards-welcome.png',
  connect: 'cards-connect.png',
  tasks: 'cards-my-tasks.png',
  task: 'cards-task.png',
  project: 'cards-project.png',
  'project locked': 'cards-project-locked.png',
  'task form': 'cards-task-form.png',
  confirm: 'cards-confirm-delete.png',
  'project with comments': 'cards-project-comments.png',
  comments: 'cards-comments.png',
  request: 'cards-request.png',
  'request approved': 'cards-request-approved.png',
  'notify assigned': 'cards-notify-assigned.png',
  'notify digest': 'cards-notify-digest.png',
  'project with custom fields': 'cards-custom-fields.png',
  'custom fields form': 'cards-custom-fields-form.png',
  'project form number and categories': 'cards-project-form-number.png',
  'project categories': 'cards-project-categories.png',
};

const GERMAN_SCREENSHOTS: Record<string, string> = {
  'log time form': 'cards-log-time-de.png',
  project: 'cards-project-de.png',
  'task form edit': 'cards-task-form-de.png',
  'request reject form': 'cards-request-reject-de.png',
  'notify settings': 'cards-notify-settings-de.png',
  'custom fields saved': 'cards-custom-fields-saved-de.png',
  'project form suggestion': 'cards-project-form-suggestion-de.png',
};

describe('cards rendered in Chromium with the adaptivecards renderer', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 560, height: 900 }, deviceScaleFactor: 1 });
    await page.setContent(PAGE);
    await page.addScriptTag({ path: ADAPTIVE_CARDS_JS });
  });
  afterAll(async () => browser?.close());

  for (const locale of ['en', 'de'] as const) {
    it(`renders every card without errors (${locale})`, async () => {
      const cards = everyCard(locale);
      expect(cards.length).toBeGreaterThan(15);
      for (const [name, card] of cards) {
        for (const variant of [card, toSubmitOnly(card)]) {
          const result = await render(page, variant);
          expect(result.errors, name).toEqual([]);
          expect(result.height, name).toBeGreaterThan(40);
          const firstText = JSON.stringify(variant).match(/"text":"([^"\\]{4,40})/)?.[1];
          if (firstText) expect(result.text, name).toContain(firstText.trim());
        }
        const screenshot = locale === 'en' ? SCREENSHOTS[name] : GERMAN_SCREENSHOTS[name];
        if (screenshot) {
          await render(page, card);
          mkdirSync(DOCS, { recursive: true });
          await page.locator('#card').screenshot({ path: path.join(DOCS, screenshot) });
        }
      }
    });
  }

  it('shows German texts and dates in German cards', async () => {
    const project = everyCard('de').find(([name]) => name === 'project')![1];
    const result = await render(page, project);
    expect(result.text).toContain('Offene Aufgaben');
    expect(result.text).toMatch(/\d{2}\.\d{2}\.2026/);
  });
});
