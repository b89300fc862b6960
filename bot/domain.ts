/**
 * What a domain module declares: its chat commands (names, aliases and help in English and German) and its card
 * verbs (the data each verb's card carries, and the handler). bot/registry.ts puts every domain together.
 */
import type { z } from 'zod';
import type { AdaptiveCardJson, CommandHelp } from '../shared/cards';
import type { Verb } from '../shared/cards/verbs';
import type { Locale } from '../shared/i18n';
import type { BotDeps, Turn } from './turn';

/** What a handler works with; `commandHelp` is the command list of every registered domain (help, welcome). */
export interface HandlerContext {
  deps: BotDeps;
  turn: Turn;
  commandHelp(locale: Locale, which?: 'all' | 'welcome'): CommandHelp[];
}

export interface ChatCommand {
  /** Stable name of the command, unique across domains. */
  id: string;
  /** Everything that invokes the command, case-insensitive; the first of each language is the one the help shows. */
  names: { en: readonly [string, ...string[]]; de: readonly [string, ...string[]] };
  /** What may follow the name; `none` makes "help me" an unknown text instead of "help". */
  argument: 'none' | 'optional';
  /** How the argument is shown in the help, e.g. "[text]" or "‹name›". */
  usage?: Record<Locale, string>;
  /** One line of help per language. */
  help: Record<Locale, string>;
  /** Also listed on the welcome card. */
  welcome?: boolean;
  run(c: HandlerContext, argument: string): Promise<AdaptiveCardJson[]>;
}

export interface VerbSpec<S extends z.ZodType = z.ZodType> {
  /** What a card sends with this verb (ids, list offsets); checked before `run`. Form inputs are checked by `run`. */
  data: S;
  run(c: HandlerContext, data: z.output<S>, raw: Record<string, unknown>): Promise<AdaptiveCardJson>;
}

/** Ties a handler's data type to its schema. */
export function verb<S extends z.ZodType>(
  data: S,
  run: (c: HandlerContext, data: z.output<S>, raw: Record<string, unknown>) => Promise<AdaptiveCardJson>,
): VerbSpec<S> {
  return { data, run };
}

export interface Domain {
  name: string;
  commands: ChatCommand[];
  verbs: { [V in Verb]?: VerbSpec };
}
