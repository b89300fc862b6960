import { compileTemplate, type CompiledTemplate } from './compiled-template';
import { stringsFor } from './strings';
import type { CardContext } from './format';
import type { Verb } from './verbs';

/** An Adaptive Card as JSON, ready to send. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** A Universal Action: what the card asks the bot to do when pressed. */
export interface CardAction {
  title: string;
  verb: Verb;
  data: Record<string, unknown>;
}

export interface RenderOptions {
  /** Makes clients ask the bot for a current version of the card when it is shown again. */
  refresh?: { verb: Verb; data: Record<string, unknown>; userIds?: string[] };
}

type Json = unknown;

function submitFallback(action: Record<string, Json>): Record<string, Json> {
  const data = (action.data && typeof action.data === 'object' ? action.data : {}) as Record<string, Json>;
  const fallback: Record<string, Json> = {
    type: 'Action.Submit',
    title: action.title,
    data: { ...data, verb: action.verb },
  };
  if (action.associatedInputs) fallback.associatedInputs = action.associatedInputs;
  return fallback;
}

const WORD_JOINER = '\u2060';

/**
 * Card text comes from InLoox data that people typed. Teams-like clients render TextBlock text as Markdown and some
 * (the Agents Playground) also as inline HTML, so a "<" that could open a tag gets an invisible word joiner after it:
 * the text reads the same, but no client can take "<img …>" or "<b>" for markup.
 */
export function neutralizeMarkup(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, `<${WORD_JOINER}`);
}

function neutralizeFact(fact: Record<string, Json>): Record<string, Json> {
  return {
    ...fact,
    title: typeof fact.title === 'string' ? neutralizeMarkup(fact.title) : fact.title,
    value: typeof fact.value === 'string' ? neutralizeMarkup(fact.value) : fact.value,
  };
}

function isExecute(action: Json): action is Record<string, Json> {
  return !!action && typeof action === 'object' && (action as Record<string, Json>).type === 'Action.Execute';
}

/**
 * What a filled template needs before it is sent, in one walk and one copy: what templating leaves behind dropped
 * (nulls of `$when: false`, empty input `value`s, empty action lists), display text with markup neutralized
 * (TextBlock and TextRun text, FactSet titles and values) and, with `fallbacks`, an Action.Submit fallback on every
 * Action.Execute for clients without Universal Actions (an Execute action's own content gets none).
 */
function finish(node: Json, fallbacks: boolean): Json {
  if (Array.isArray(node)) {
    const out: Json[] = [];
    for (const item of node) if (item !== null && item !== undefined) out.push(finish(item, fallbacks));
    return out;
  }
  if (!node || typeof node !== 'object') return node;
  const record = node as Record<string, Json>;
  const type = record.type;
  const isInput = typeof type === 'string' && type.startsWith('Input.');
  const display = type === 'TextBlock' || type === 'TextRun';
  const out: Record<string, Json> = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === null || value === undefined) continue;
    if (isInput && key === 'value' && value === '') continue;
    if (key === 'actions' && Array.isArray(value) && value.filter((v) => v !== null).length === 0) continue;
    if (key === 'text' && display && typeof value === 'string') out[key] = neutralizeMarkup(value);
    else if (key === 'facts' && type === 'FactSet' && Array.isArray(value)) {
      out[key] = (finish(value, fallbacks) as Record<string, Json>[]).map(neutralizeFact);
    } else if (key === 'actions' && fallbacks && Array.isArray(value)) {
      out[key] = value
        .filter((action) => action !== null && action !== undefined)
        .map((action: Json) => {
          if (!isExecute(action)) return finish(action, true);
          const done = finish(action, false) as Record<string, Json>;
          return { ...done, fallback: submitFallback(done) };
        });
    } else out[key] = finish(value, fallbacks);
  }
  return out;
}

const compiled = new WeakMap<object, CompiledTemplate>();

function compiledTemplate(template: object): CompiledTemplate {
  let result = compiled.get(template);
  if (!result) {
    result = compileTemplate(template);
    compiled.set(template, result);
  }
  return result;
}

/** Fills a template with data plus all strings of the person's language (`${$root.t.key}`). */
export function renderCard(
  template: object,
  data: object,
  ctx: CardContext,
  options: RenderOptions = {},
): AdaptiveCardJson {
  const expanded = compiledTemplate(template)({ ...data, t: stringsFor(ctx.locale) });
  const card = finish(expanded, true) as AdaptiveCardJson;
  if (options.refresh) {
    card.refresh = {
      action: { type: 'Action.Execute', verb: options.refresh.verb, data: options.refresh.data },
      ...(options.refresh.userIds ? { userIds: options.refresh.userIds } : {}),
    };
  }
  return card;
}

/**
 * The same card with Action.Submit only (task modules and message-extension results cannot use Action.Execute):
 * each Execute becomes its Submit fallback and the refresh is dropped.
 */
export function toSubmitOnly(card: AdaptiveCardJson): AdaptiveCardJson {
  const convert = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(convert);
    if (node && typeof node === 'object') {
      const record = node as Record<string, Json>;
      if (record.type === 'Action.Execute') {
        const { fallback: _fallback, ...action } = record;
        return submitFallback(action);
      }
      return Object.fromEntries(
        Object.entries(record)
          .filter(([key]) => key !== 'refresh')
          .map(([key, value]) => [key, convert(value)]),
      );
    }
    return node;
  };
  return convert(card) as AdaptiveCardJson;
}
