/** The registry keeps commands, help and verbs together: nothing can be registered without help or a handler. */
import { describe, expect, it } from 'vitest';
import { COMMANDS, DOMAINS, VERB_SPECS, commandHelp, parseCommand } from '../../bot/registry';
import { helpCard, welcomeCard } from '../../shared/cards';
import { VERBS } from '../../shared/cards/verbs';
import { assertValidCard } from '../helpers/cards';
import { cardText } from './harness';

const LOCALES = ['en', 'de'] as const;

describe('command registry', () => {
  it('gives every command a name, help text and a line in the help card, in English and German', async () => {
    for (const locale of LOCALES) {
      const card = helpCard({ locale }, { commands: commandHelp(locale) });
      await assertValidCard(card);
      const facts = (card.body as { type: string; facts?: { title: string; value: string }[] }[]).find(
        (element) => element.type === 'FactSet',
      )!.facts!;
      expect(facts).toHaveLength(COMMANDS.length);
      for (const command of COMMANDS) {
        const name = command.names[locale][0];
        expect(name.trim(), `${command.id} ${locale}`).not.toBe('');
        expect(command.help[locale].trim(), `${command.id} ${locale}`).not.toBe('');
        const line = facts.find((fact) => fact.title === name || fact.title.startsWith(`${name} `));
        expect(line, `${command.id} in the ${locale} help`).toBeDefined();
        expect(line!.value).toBe(command.help[locale]);
      }
    }
  });

  it('understands every name of every command in both languages, with and without an argument', () => {
    for (const command of COMMANDS) {
      for (const locale of LOCALES) {
        for (const name of command.names[locale]) {
          expect(parseCommand(name), `${name} (${locale})`).toEqual({ kind: 'command', id: command.id, argument: '' });
          expect(parseCommand(name.toUpperCase())).toMatchObject({ kind: 'command', id: command.id });
          const withArgument = parseCommand(`${name} Website 2026`);
          if (command.argument === 'none') expect(withArgument.kind, name).toBe('unknown');
          else expect(withArgument).toEqual({ kind: 'command', id: command.id, argument: 'Website 2026' });
        }
      }
    }
  });

  it('the help line of every command, typed as shown, runs that command', () => {
    for (const locale of LOCALES) {
      commandHelp(locale).forEach((line, i) => {
        const typed = line.title.replace(/\s*[[‹].*$/, '');
        expect(parseCommand(typed), `${line.title} (${locale})`).toMatchObject({ id: COMMANDS[i]!.id });
      });
    }
  });

  it('has unique command ids and names', () => {
    expect(new Set(COMMANDS.map((command) => command.id)).size).toBe(COMMANDS.length);
    const owners = new Map<string, string>();
    for (const command of COMMANDS)
      for (const name of [...command.names.en, ...command.names.de]) {
        const owner = owners.get(name.toLowerCase());
        expect(owner === undefined || owner === command.id, name).toBe(true);
        owners.set(name.toLowerCase(), command.id);
      }
  });

  it('lists the welcome commands on the welcome card in both languages', () => {
    for (const locale of LOCALES) {
      const text = cardText(welcomeCard({ locale }, { commands: commandHelp(locale, 'welcome') }));
      const welcome = COMMANDS.filter((command) => command.welcome);
      expect(welcome.length).toBeGreaterThan(3);
      for (const command of welcome) expect(text).toContain(command.help[locale]);
      for (const command of COMMANDS.filter((entry) => !entry.welcome))
        expect(text).not.toContain(command.help[locale]);
    }
  });
});

describe('verb registry', () => {
  it('has exactly one handler for every verb the cards may send', () => {
    expect(Object.keys(VERB_SPECS).sort()).toEqual([...VERBS].sort());
    const declared = DOMAINS.flatMap((domain) => Object.keys(domain.verbs));
    expect(declared.sort()).toEqual([...VERBS].sort());
  });
});
