import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../../manifest/build';
import { SCHEMAS_DIR } from '../../manifest/schema';
import { escapeXml, fillTemplate, findPlaceholders, PLACEHOLDER_SOURCES } from '../../manifest/values';
import { manifestOf, testPackage, testValues } from './helpers';

const template = (name: string) => readFileSync(path.join(TEMPLATES_DIR, name), 'utf8');

/** Every string leaf of a JSON value as [localization key, value]. */
function leaves(value: unknown, key = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${key}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, key ? `${key}.${k}` : k));
  }
  return [];
}

describe('templates', () => {
  it('use only placeholders that packaging knows how to fill', () => {
    const used = ['manifest.json', 'de.json', 'outlook-addin.xml'].flatMap((name) => findPlaceholders(template(name)));
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(Object.keys(PLACEHOLDER_SOURCES)).toContain(name);
    expect(() => fillTemplate('x ${{BOTID}}', testValues(), escapeXml)).toThrow(/unknown placeholder \$\{\{BOTID\}\}/);
  });

  it('translate every localizable English text into German (bot command titles stay English by design)', async () => {
    const appPackage = await testPackage();
    const manifest = manifestOf(appPackage);
    const german = manifestOf(appPackage, 'de.json');
    const schema = JSON.parse(
      readFileSync(
        path.join(SCHEMAS_DIR, `v${manifest.manifestVersion}`, 'MicrosoftTeams.Localization.schema.json'),
        'utf8',
      ),
    ) as { patternProperties: Record<string, unknown> };
    const patterns = Object.keys(schema.patternProperties).map((pattern) => new RegExp(pattern));
    const localizable = leaves(manifest).filter(
      ([key, value]) =>
        patterns.some((pattern) => pattern.test(key)) &&
        !/^https?:/.test(value) &&
        !/^bots\[0\]\.commandLists\[\d\]\.commands\[\d\]\.title$/.test(key),
    );
    expect(localizable.length).toBeGreaterThan(15);
    const missing = localizable.map(([key]) => key).filter((key) => !(key in german));
    expect(missing).toEqual([]);
    for (const key of ['name.full', 'description.short', 'description.full']) {
      expect(german[key]).toBeTruthy();
      expect(german[key]).not.toBe(manifest[key.split('.')[0]!][key.split('.')[1]!]);
    }
  });

  it('give every string of the XML add-in a German override', () => {
    const xml = template('outlook-addin.xml');
    const strings = xml.match(/<bt:String id="[^"]+" DefaultValue="[^"]*">\s*<bt:Override Locale="de-DE"/g) ?? [];
    const all = xml.match(/<bt:String id=/g) ?? [];
    expect(all.length).toBeGreaterThan(0);
    expect(strings.length).toBe(all.length);
    expect(xml).toMatch(/<DisplayName [^>]*>\s*<Override Locale="de-DE"/);
    expect(xml).toMatch(/<Description [^>]*>\s*<Override Locale="de-DE"/);
  });
});

describe('bot command list', () => {
  it('offers only commands the bot understands, and German hints that mean the same command', async () => {
    const { parseCommand } = await import('../../bot/registry');
    const appPackage = await testPackage();
    const commands = manifestOf(appPackage).bots[0].commandLists[0].commands as Array<{ title: string }>;
    const german = manifestOf(appPackage, 'de.json');
    commands.forEach(({ title }, i) => {
      const english = parseCommand(title);
      expect(english.kind, title).not.toBe('unknown');
      const hint = /„([^“]+)“/.exec(String(german[`bots[0].commandLists[0].commands[${i}].description`]))?.[1];
      expect(hint, `German hint for "${title}"`).toBeTruthy();
      expect(parseCommand(hint), `${hint} vs ${title}`).toMatchObject({
        kind: 'command',
        id: (english as { id: string }).id,
      });
    });
  });
});
