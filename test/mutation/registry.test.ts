/** The verb router and command runner of the bot: unknown verbs, malformed data and failures become cards. */
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandHelp, runAction, runCommand } from '../../bot/registry';
import type { BotDeps, Turn } from '../../bot/turn';
import { t } from '../../shared/cards/strings';

const logged: string[] = [];
const deps = {
  log: (event: string) => logged.push(event),
  connections: {
    status: async () => {
      throw new Error('database down');
    },
  },
} as unknown as BotDeps;
const turn = (locale: 'en' | 'de', identity = true): Turn => ({
  identity: identity ? { tenantId: 't', objectId: 'o' } : undefined,
  ctx: { locale },
  conversationId: 'c',
});
const text = (card: unknown) => JSON.stringify(card);

describe('runAction', () => {
  it('answers an unknown verb with the unknown-action card in the person’s language', async () => {
    for (const locale of ['en', 'de'] as const) {
      const card = text(await runAction(deps, turn(locale), 'project.explode', {}));
      expect(card).toContain(t(locale, 'unknownAction'));
      expect(card).toContain(t(locale, 'invalidInputTitle'));
    }
    expect(text(await runAction(deps, turn('en'), 42, {}))).toContain(t('en', 'unknownAction'));
  });

  it('refuses card data that is not an object, and accepts none at all', async () => {
    const refused = t('en', 'invalidCardData', { detail: 'data' });
    for (const data of [null, [], 'x', 3])
      expect(text(await runAction(deps, turn('en'), 'help', data))).toContain(refused);
    const help = text(await runAction(deps, turn('en'), 'help', undefined));
    expect(help).not.toContain(refused);
    expect(help).toContain(COMMANDS[0]!.help.en);
  });

  it('checks the data against the verb’s schema and names the field', async () => {
    const card = text(await runAction(deps, turn('de'), 'task.show', { taskId: 'not-a-guid' }));
    expect(card).toContain(t('de', 'invalidCardData', { detail: 'taskId' }));
  });
});

describe('runCommand', () => {
  it('answers an unknown command with the help card naming what was typed', async () => {
    const [card] = await runCommand(deps, turn('en'), {
      kind: 'unknown',
      text: 'frobnicate',
      closest: 'help',
    });
    expect(text(card)).toContain('frobnicate');
    const [byId] = await runCommand(deps, turn('en'), { kind: 'command', id: 'no-such-id', argument: '' });
    expect(text(byId)).toContain('no-such-id');
  });

  it('runs a known command with its argument', async () => {
    const [help] = await runCommand(deps, turn('en'), { kind: 'command', id: 'help', argument: '' });
    expect(help).toEqual(await runAction(deps, turn('en'), 'help', {}));
    const [unknown] = await runCommand(deps, turn('en'), { kind: 'unknown', text: 'help' });
    expect(unknown).not.toEqual(help);
  });

  it('turns a failing command into an error card instead of throwing', async () => {
    const cards = await runCommand(deps, turn('en'), { kind: 'command', id: 'greeting', argument: '' });
    expect(cards).toHaveLength(1);
    expect(text(cards[0])).not.toContain('database down');
    expect(text(cards[0])).toContain('"type":"AdaptiveCard"');
  });
});

describe('commandHelp', () => {
  it('lists every command for help, only the welcome ones for the welcome card, with usage after the name', () => {
    expect(commandHelp('en')).toHaveLength(COMMANDS.length);
    const welcome = commandHelp('de', 'welcome');
    expect(welcome).toHaveLength(COMMANDS.filter((command) => command.welcome).length);
    expect(welcome.length).toBeLessThan(COMMANDS.length);
    for (const command of COMMANDS) {
      const line = commandHelp('en').find((entry) => entry.value === command.help.en)!;
      expect(line.title).toBe(command.usage ? `${command.names.en[0]} ${command.usage.en}` : command.names.en[0]);
    }
  });
});
