import { describe, expect, it } from 'vitest';
import { EMPTY_TASK_FORM, helpCard, projectCard, taskFormCard, toSubmitOnly } from '../../shared/cards';
import { PROJECT, everyCard } from './card-fixtures';
import { commandHelp } from '../../bot/registry';
import { fromDateInput, toDateInput, formatDate } from '../../shared/cards/format';
import { STRINGS } from '../../shared/cards/strings';
import { assertValidCard, checkCard } from '../helpers/cards';

describe('card templates', () => {
  for (const locale of ['en', 'de'] as const) {
    it(`renders every card as a valid Adaptive Card 1.5 (${locale})`, async () => {
      for (const [name, card] of everyCard(locale)) {
        await expect(assertValidCard(card), name).resolves.toBeUndefined();
        await expect(assertValidCard(toSubmitOnly(card)), `${name} (submit only)`).resolves.toBeUndefined();
      }
    });
  }

  it('shows command placeholders in a way clients do not take for HTML tags', () => {
    for (const locale of ['en', 'de'] as const) {
      const text = JSON.stringify(helpCard({ locale }, { commands: commandHelp(locale) }));
      expect(text).not.toMatch(/<[a-z]/i);
      expect(text).toContain(locale === 'en' ? 'project ‹name or number›' : 'projekt ‹Name oder Nummer›');
    }
  });

  it('has every string in English and German', () => {
    for (const [key, value] of Object.entries(STRINGS)) {
      expect(value.en, key).toBeTruthy();
      expect(value.de, key).toBeTruthy();
    }
  });

  it('the checker rejects unknown elements, missing labels and too new versions', async () => {
    expect(
      (await checkCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Foo' }] })).problems,
    ).not.toHaveLength(0);
    expect(
      (await checkCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'x' }] })).problems,
    ).not.toHaveLength(0);
    await expect(assertValidCard({ type: 'AdaptiveCard', version: '1.6', body: [] })).rejects.toThrow(/1.6/);
  });

  it('keeps user text literal and shows German dates in the person time zone', () => {
    const project = { ...PROJECT, Name: 'Website relaunch ${x} <b>' };
    const card = JSON.stringify(projectCard({ locale: 'de', timeZone: 'Europe/Berlin' }, { project }));
    // Literal (no template expansion), with an invisible word joiner so no client takes "<b>" for markup.
    expect(card.replace(/\u2060/g, '')).toContain('Website relaunch ${x} <b>');
    expect(card).not.toContain('<b>');
    expect(card).toContain('01.03.2026');
    expect(card).toContain('Relaunch the site & shop');
    expect(formatDate('2026-03-01T23:30:00Z', { locale: 'en', timeZone: 'Europe/Berlin' })).toBe('2 Mar 2026');
    expect(
      formatDate('2026-03-01T23:30:00Z', { locale: 'en', timeZone: 'America/New_York', formatLocale: 'en-US' }),
    ).toBe('Mar 1, 2026');
    expect(formatDate('2026-03-01T23:30:00Z', { locale: 'de', timeZone: 'Europe/Vienna', formatLocale: 'en-US' })).toBe(
      '02.03.2026',
    );
  });

  it('round-trips calendar dates through the person time zone', () => {
    expect(fromDateInput('2026-03-01', 'Europe/Berlin')).toBe('2026-02-28T23:00:00.000Z');
    expect(fromDateInput('2026-07-01', 'America/New_York')).toBe('2026-07-01T04:00:00.000Z');
    expect(toDateInput('2026-02-28T23:00:00.000Z', 'Europe/Berlin')).toBe('2026-03-01');
    expect(toDateInput('2026-02-28T23:00:00.000Z', 'Not/AZone')).toBe('2026-02-28');
  });

  it('gives every Execute action a Submit fallback and task forms keep entered values', () => {
    const card = taskFormCard(
      { locale: 'en' },
      { mode: 'create', values: { ...EMPTY_TASK_FORM, name: 'Keep me' }, projectChoices: [], contactChoices: [] },
    );
    const actions = card.actions as Record<string, unknown>[];
    expect(actions[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'task.create',
      fallback: { type: 'Action.Submit', data: { verb: 'task.create' } },
    });
    expect(JSON.stringify(card)).toContain('"value":"Keep me"');
    const submitOnly = JSON.stringify(toSubmitOnly(card));
    expect(submitOnly).not.toContain('Action.Execute');
  });
});
