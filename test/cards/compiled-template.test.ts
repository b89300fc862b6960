import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as ACData from 'adaptivecards-templating';
import { describe, expect, it, vi } from 'vitest';
import { compileTemplate } from '../../shared/cards/compiled-template';
import { stringsFor } from '../../shared/cards/strings';
import type { CardContext } from '../../shared/cards/format';
import { neutralizeMarkup, type RenderOptions } from '../../shared/cards/render';

interface Rendered {
  template: object;
  data: object;
  ctx: CardContext;
  options: RenderOptions | undefined;
  card: object;
}

const rendered = vi.hoisted(() => [] as unknown[]);

vi.mock('../../shared/cards/render', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../shared/cards/render')>();
  return {
    ...actual,
    renderCard: (...args: Parameters<typeof actual.renderCard>) => {
      const card = actual.renderCard(...args);
      // A copy: some callers add to the card afterwards.
      rendered.push({ template: args[0], data: args[1], ctx: args[2], options: args[3], card: structuredClone(card) });
      return card;
    },
  };
});

const TEMPLATES = path.resolve(import.meta.dirname, '../../shared/cards/templates');

function byLibrary(template: object, root: object): unknown {
  return new ACData.Template(template).expand({ $root: root });
}

function outcome(run: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { error: String(error) };
  }
}

/** Same value, same JSON text (the card sent is byte-identical), or the same error. */
function expectSameExpansion(template: object, root: object, name: string): void {
  const compiled = outcome(() => compileTemplate(template)(root));
  const library = outcome(() => byLibrary(template, root));
  if ('error' in library) {
    expect(compiled, name).toEqual(library);
    return;
  }
  expect('value' in compiled && JSON.stringify(compiled.value), name).toBe(JSON.stringify(library.value));
  expect(isDeepStrictEqual(compiled, library), name).toBe(true);
}

// renderCard as it was before templates were compiled: adaptivecards-templating, then three copying steps.
type Json = unknown;

function referenceClean(node: Json): Json {
  if (Array.isArray(node)) return node.filter((item) => item !== null && item !== undefined).map(referenceClean);
  if (node && typeof node === 'object') {
    const out: Record<string, Json> = {};
    const type = (node as Record<string, Json>).type;
    const isInput = typeof type === 'string' && type.startsWith('Input.');
    for (const [key, value] of Object.entries(node)) {
      if (value === null || value === undefined) continue;
      if (isInput && key === 'value' && value === '') continue;
      if (key === 'actions' && Array.isArray(value) && value.filter((v) => v !== null).length === 0) continue;
      out[key] = referenceClean(value);
    }
    return out;
  }
  return node;
}

function referenceFallbacks(node: Json): Json {
  if (Array.isArray(node)) return node.map(referenceFallbacks);
  if (node && typeof node === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'actions' && Array.isArray(value)) {
        out[key] = value.map((action: Record<string, Json>) => {
          if (action.type !== 'Action.Execute') return referenceFallbacks(action);
          const data = (action.data && typeof action.data === 'object' ? action.data : {}) as Record<string, Json>;
          const fallback: Record<string, Json> = {
            type: 'Action.Submit',
            title: action.title,
            data: { ...data, verb: action.verb },
          };
          if (action.associatedInputs) fallback.associatedInputs = action.associatedInputs;
          return { ...action, fallback };
        });
      } else out[key] = referenceFallbacks(value);
    }
    return out;
  }
  return node;
}

function referenceNeutralize(node: Json): Json {
  if (Array.isArray(node)) return node.map(referenceNeutralize);
  if (!node || typeof node !== 'object') return node;
  const record = node as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'text' && typeof value === 'string' && (record.type === 'TextBlock' || record.type === 'TextRun')) {
      out[key] = neutralizeMarkup(value);
    } else if (key === 'facts' && record.type === 'FactSet' && Array.isArray(value)) {
      out[key] = value.map((fact: Record<string, Json>) => ({
        ...fact,
        title: typeof fact.title === 'string' ? neutralizeMarkup(fact.title) : fact.title,
        value: typeof fact.value === 'string' ? neutralizeMarkup(fact.value) : fact.value,
      }));
    } else out[key] = referenceNeutralize(value);
  }
  return out;
}

function referenceRender(call: Rendered): Json {
  const expanded = byLibrary(call.template, { ...call.data, t: stringsFor(call.ctx.locale) });
  const card = referenceFallbacks(referenceNeutralize(referenceClean(expanded))) as Record<string, Json>;
  const refresh = call.options?.refresh;
  if (refresh) {
    card.refresh = {
      action: { type: 'Action.Execute', verb: refresh.verb, data: refresh.data },
      ...(refresh.userIds ? { userIds: refresh.userIds } : {}),
    };
  }
  return card;
}

describe('compiled card templates', () => {
  it('fill every template exactly as adaptivecards-templating does and send the same cards, for every card fixture in English and German', async () => {
    const { everyCard } = await import('../bot/card-fixtures');
    rendered.length = 0;
    everyCard('en');
    everyCard('de');
    const calls = [...rendered] as Rendered[];
    expect(calls.length).toBeGreaterThan(50);
    for (const [i, call] of calls.entries()) {
      const root = { ...call.data, t: stringsFor(call.ctx.locale) };
      expectSameExpansion(call.template, root, `render ${i} (${call.ctx.locale})`);
      const reference = referenceRender(call);
      expect(JSON.stringify(call.card), `card ${i} (${call.ctx.locale})`).toBe(JSON.stringify(reference));
      expect(isDeepStrictEqual(call.card, reference), `card ${i} (${call.ctx.locale})`).toBe(true);
    }
    const used = new Set(calls.map((call) => JSON.stringify(call.template)));
    const files = readdirSync(TEMPLATES).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files)
      expect(used.has(JSON.stringify(JSON.parse(readFileSync(path.join(TEMPLATES, file), 'utf8')))), file).toBe(true);
  });

  const QUIRKS = {
    type: 'AdaptiveCard',
    $schema: 'x',
    body: [
      { type: 'TextBlock', text: '${name}', wrap: true },
      { type: 'TextBlock', text: 'Hello ${name}, ${missing} and ${count(items)} / ${NAME}' },
      { type: 'TextBlock', text: '${missing}', $when: '${missing != null}' },
      { type: 'TextBlock', text: '${title} #${$index} of ${$root.name}', $data: '${items}', $when: "${title != ''}" },
      { type: 'Container', $data: '${nested}', items: [{ type: 'TextBlock', text: '${label}', $data: '${rows}' }] },
      { type: 'TextBlock', text: 'shown', $when: '${flag}' },
      { type: 'TextBlock', text: 'truthy but not boolean', $when: '${name}' },
      { type: 'TextBlock', text: 'literal when', $when: 'yes' },
      { type: 'TextBlock', text: 'count', $when: '${count(items) > 1 && !(flag) || count(missing) == 0}' },
      { type: 'TextBlock', text: 'mismatch', $when: '${name > 3}' },
      { type: 'TextBlock', text: 'zero is true', $when: '${zero && flag}' },
      { type: 'TextBlock', text: 'missing compares', $when: "${missing != ''}" },
      { type: 'TextBlock', text: '${toUpper(name)} ${items[0].title} ${$data.name} ${nested.rows}' },
      { type: 'TextBlock', text: '${ratio}', $when: '${ratio >= 0.5}' },
      { type: 'TextBlock', text: 'object', $data: '${single}', $when: '${single.on == true}' },
      { type: 'ActionSet', actions: '${actions}' },
      { type: 'TextBlock', text: '${zero} ${empty} ${nothing}' },
      { type: 'TextBlock', text: 'list item ${$data}', $data: '${words}' },
      { type: 'TextBlock', text: 'literal data ${x}', $data: { x: 1 } },
    ],
    actions: ['${actions}', { type: 'Action.Submit', title: '${missingTitle}' }],
  };

  const DATA: Record<string, unknown>[] = [
    {},
    {
      name: 'Ada',
      flag: true,
      items: [{ title: 'one' }, { title: '' }, undefined, { title: 'three', Extra: 1 }],
      nested: { rows: [{ label: 'a' }, { label: 'b' }] },
      ratio: 0.5,
      single: { on: true },
      actions: [{ type: 'Action.Submit', title: 'Go' }],
      zero: 0,
      empty: '',
      words: ['x', 'y'],
    },
    {
      name: 'x',
      flag: 'true',
      items: [],
      nested: [{ rows: { label: 'only' } }, { rows: [] }],
      ratio: '0.7',
      single: { on: 'yes' },
      actions: null,
      words: 'ab',
      missing: null,
    },
    { name: 5, items: 'abc', nested: null, flag: false, single: [], ratio: 2, words: [null, 'z'] },
  ];

  it('follow the library on missing values, $when, $data lists, comparisons and other functions', () => {
    for (const [i, data] of DATA.entries()) expectSameExpansion(QUIRKS, data, `data set ${i}`);
  });

  it('send the same card as the copying steps did: empty inputs and action lists dropped, markup neutralized, fallbacks', async () => {
    const { renderCard } = await import('../../shared/cards/render');
    const template = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${name}' },
        { type: 'Input.Text', id: 'a', value: '${empty}' },
        { type: 'Input.Text', id: 'b', value: '${name}', label: '${name}' },
        { type: 'FactSet', facts: [{ title: '${name}', value: '${name}' }, { value: 'no title <i>' }, '${none}'] },
        {
          type: 'RichTextBlock',
          inlines: [
            { type: 'TextRun', text: '${name}' },
            { type: 'Image', text: '<b>' },
          ],
        },
        {
          type: 'ActionSet',
          actions: [
            { type: 'Action.Execute', title: 'Go <b>', verb: 'x', data: { a: 1 }, associatedInputs: 'auto' },
            { type: 'Action.Execute', verb: 'w', data: '${name}', actions: [{ type: 'Action.Execute', verb: 'v' }] },
            {
              type: 'Action.ShowCard',
              title: 'More',
              card: {
                type: 'AdaptiveCard',
                body: [{ type: 'TextBlock', text: '${name}' }],
                actions: [{ type: 'Action.Execute', verb: 'y', title: 'Y' }, '${none}'],
              },
            },
          ],
        },
        { type: 'ActionSet', actions: ['${none}'] },
        { type: 'ActionSet', actions: '${noActions}' },
      ],
      actions: [{ type: 'Action.Execute', verb: 'z', title: 'Z', data: '${name}' }],
    };
    const options = { refresh: { verb: 'help' as const, data: { a: 1 }, userIds: ['u'] } };
    for (const data of [
      { name: 'Ada <b>x</b>', empty: '', none: null, noActions: [] },
      { name: 'x', empty: 'e' },
    ]) {
      const call = { template, data, ctx: { locale: 'en' as const }, options, card: {} };
      const card = renderCard(template, data, call.ctx, options);
      expect(JSON.stringify(card)).toBe(JSON.stringify(referenceRender(call)));
      expect(isDeepStrictEqual(card, referenceRender(call))).toBe(true);
    }
  });

  it('fail where the library fails', () => {
    const template = { text: '${count(n)}', more: 'a ${nothing} b' };
    expect(() => byLibrary(template, { n: 5 })).toThrow();
    expectSameExpansion(template, { n: 5 }, 'count of a number');
    expectSameExpansion(template, { n: [1, 2], nothing: null }, 'null in text');
    expectSameExpansion(template, { n: [1, 2], nothing: 0 }, 'zero in text');
  });
});
