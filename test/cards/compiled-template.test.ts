import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as ACData from 'adaptivecards-templating';
import { describe, expect, it, vi } from 'vitest';
import { compileTemplate } from '../../shared/cards/compiled-template';
import { stringsFor } from '../../shared/cards/strings';
import type { CardContext } from '../../shared/cards/format';

interface Rendered {
  template: object;
  data: object;
  ctx: CardContext;
}

const rendered = vi.hoisted(() => [] as { template: object; data: object; ctx: { locale: string } }[]);

vi.mock('../../shared/cards/render', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../shared/cards/render')>();
  return {
    ...actual,
    renderCard: (...args: Parameters<typeof actual.renderCard>) => {
      rendered.push({ template: args[0], data: args[1], ctx: args[2] });
      return actual.renderCard(...args);
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

describe('compiled card templates', () => {
  it('fill every template exactly as adaptivecards-templating does, for every card fixture in English and German', async () => {
    const { everyCard } = await import('../bot/card-fixtures');
    rendered.length = 0;
    everyCard('en');
    everyCard('de');
    const calls = [...rendered] as Rendered[];
    expect(calls.length).toBeGreaterThan(50);
    for (const [i, call] of calls.entries()) {
      const root = { ...call.data, t: stringsFor(call.ctx.locale) };
      expectSameExpansion(call.template, root, `render ${i} (${call.ctx.locale})`);
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

  it('fail where the library fails', () => {
    const template = { text: '${count(n)}', more: 'a ${nothing} b' };
    expect(() => byLibrary(template, { n: 5 })).toThrow();
    expectSameExpansion(template, { n: 5 }, 'count of a number');
    expectSameExpansion(template, { n: [1, 2], nothing: null }, 'null in text');
    expectSameExpansion(template, { n: [1, 2], nothing: 0 }, 'zero in text');
  });
});
