/**
 * Every domain of the bot in one table. A domain module declares its chat commands and card verbs; this file
 * builds the verb router, the command parser and the help from them. Adding a domain: one file, one line below.
 */
import { helpCard, messageCard, type AdaptiveCardJson, type CommandHelp } from '../shared/cards';
import { t } from '../shared/cards/strings';
import { VERBS, isVerb, type Verb } from '../shared/cards/verbs';
import type { Locale } from '../shared/i18n';
import { createCommandParser, type ParsedCommand } from './commands';
import type { ChatCommand, Domain, HandlerContext, VerbSpec } from './domain';
import { connection } from './domains/connection';
import { customFields } from './domains/custom-fields';
import { lists } from './domains/lists';
import { membersAndComments } from './domains/members-comments';
import { notifications } from './domains/notifications';
import { projects } from './domains/projects';
import { requests } from './domains/requests';
import { projectExtras } from './domains/project-extras';
import { projectCategories } from './domains/project-categories';
import { tasks } from './domains/tasks';
import { timeEntries } from './domains/time-entries';
import { timer } from './domains/timer';
import { errorCard } from './errors';
import type { BotDeps, Turn } from './turn';
import { BadInputError, parseCardData } from './validation';

/** In help order. */
export const DOMAINS: readonly Domain[] = [
  connection,
  lists,
  projects,
  requests,
  projectExtras,
  projectCategories,
  tasks,
  membersAndComments,
  notifications,
  timer,
  timeEntries,
  customFields,
];

export const COMMANDS: readonly ChatCommand[] = DOMAINS.flatMap((domain) => domain.commands);

function collectVerbs(): Record<Verb, VerbSpec> {
  const table = new Map<Verb, VerbSpec>();
  for (const domain of DOMAINS) {
    for (const [name, spec] of Object.entries(domain.verbs) as [Verb, VerbSpec][]) {
      if (table.has(name)) throw new Error(`Verb ${name} is registered twice (again by ${domain.name})`);
      table.set(name, spec);
    }
  }
  const missing = VERBS.filter((name) => !table.has(name));
  if (missing.length) throw new Error(`Verbs without a handler: ${missing.join(', ')}`);
  return Object.fromEntries(table) as Record<Verb, VerbSpec>;
}

/** The handler and card-data schema of every verb the cards send. */
export const VERB_SPECS: Readonly<Record<Verb, VerbSpec>> = collectVerbs();

const parser = createCommandParser(
  COMMANDS.map((command) => ({
    id: command.id,
    names: [...command.names.en, ...command.names.de],
    takesArgument: command.argument !== 'none',
  })),
);

export const parseCommand = parser.parse;
export const closestCommand = parser.closest;

/** The command list of the help (all) or the welcome card, in the person's language. */
export function commandHelp(locale: Locale, which: 'all' | 'welcome' = 'all'): CommandHelp[] {
  return COMMANDS.filter((command) => which === 'all' || command.welcome).map((command) => ({
    title: command.usage ? `${command.names[locale][0]} ${command.usage[locale]}` : command.names[locale][0],
    value: command.help[locale],
  }));
}

const context = (deps: BotDeps, turn: Turn): HandlerContext => ({ deps, turn, commandHelp });

/** Verb router of every card action. Never throws: failures become friendly cards. */
export async function runAction(deps: BotDeps, turn: Turn, verb: unknown, data: unknown): Promise<AdaptiveCardJson> {
  const { ctx } = turn;
  if (!isVerb(verb)) {
    return messageCard(ctx, {
      title: t(ctx.locale, 'invalidInputTitle'),
      text: t(ctx.locale, 'unknownAction'),
      tone: 'attention',
    });
  }
  if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) {
    return errorCard(ctx, new BadInputError(t(ctx.locale, 'invalidCardData', { detail: 'data' })), deps.log);
  }
  const raw = (data ?? {}) as Record<string, unknown>;
  try {
    const spec = VERB_SPECS[verb];
    return await spec.run(context(deps, turn), parseCardData(spec.data, raw, ctx.locale), raw);
  } catch (error) {
    return errorCard(ctx, error, deps.log);
  }
}

/** Answers one chat command with the cards to send. Never throws. */
export async function runCommand(deps: BotDeps, turn: Turn, parsed: ParsedCommand): Promise<AdaptiveCardJson[]> {
  const { ctx } = turn;
  try {
    const command = parsed.kind === 'command' ? COMMANDS.find((entry) => entry.id === parsed.id) : undefined;
    if (!command) {
      const unknownText = parsed.kind === 'unknown' ? parsed.text : parsed.id;
      const closest = parsed.kind === 'unknown' ? parsed.closest : undefined;
      return [helpCard(ctx, { commands: commandHelp(ctx.locale), unknownText, closest })];
    }
    return await command.run(context(deps, turn), parsed.kind === 'command' ? parsed.argument : '');
  } catch (error) {
    return [errorCard(ctx, error, deps.log)];
  }
}
