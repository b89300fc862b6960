import { JSDOM } from 'jsdom';

/** Largest card Teams accepts in one message (28 KB). */
export const MAX_CARD_BYTES = 28 * 1024;

type AdaptiveCardsModule = typeof import('adaptivecards');
let adaptiveCards: Promise<AdaptiveCardsModule> | undefined;

/** The adaptivecards library touches `window`/`document` at load time, so it is loaded once inside jsdom. */
function loadAdaptiveCards(): Promise<AdaptiveCardsModule> {
  if (!adaptiveCards) {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    const g = globalThis as Record<string, unknown>;
    for (const name of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'getComputedStyle']) {
      if (g[name] === undefined) {
        const value = (dom.window as unknown as Record<string, unknown>)[name];
        Object.defineProperty(globalThis, name, {
          value: typeof value === 'function' && name === 'getComputedStyle' ? value.bind(dom.window) : value,
          configurable: true,
          writable: true,
        });
      }
    }
    adaptiveCards = import('adaptivecards');
  }
  return adaptiveCards;
}

function versionOf(card: Record<string, unknown>): number {
  const version = card.version;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version))
    throw new Error(`card has no valid version: ${String(version)}`);
  const [major, minor] = version.split('.').map(Number) as [number, number];
  return major + minor / 10;
}

function walk(node: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}

export interface CardCheck {
  bytes: number;
  version: string;
  /** Texts of all parse warnings/errors (empty when valid). */
  problems: string[];
}

/** Parses a card with the adaptivecards library and reports problems instead of throwing. */
export async function checkCard(card: unknown): Promise<CardCheck> {
  const AC = await loadAdaptiveCards();
  if (!card || typeof card !== 'object') return { bytes: 0, version: '', problems: ['card is not an object'] };
  const json = card as Record<string, unknown>;
  const problems: string[] = [];
  if (json.type !== 'AdaptiveCard') problems.push(`type is ${String(json.type)}`);
  const serialized = JSON.stringify(card);
  if (serialized.includes('${')) problems.push('unexpanded template expression');
  walk(json, (node) => {
    if (
      typeof node.type === 'string' &&
      node.type.startsWith('Input.') &&
      !(typeof node.label === 'string' && node.label.trim())
    )
      problems.push(`input "${String(node.id)}" has no label`);
  });
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  const validation = parsed.validateProperties();
  for (const event of validation.validationEvents) {
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return { bytes: Buffer.byteLength(serialized, 'utf8'), version: String(json.version), problems };
}

/**
 * Fails unless the card parses with the adaptivecards library without errors or warnings (unknown elements,
 * properties, actions), declares version <= 1.5 and serializes to under 28 KB.
 */
export async function assertValidCard(card: unknown): Promise<void> {
  const check = await checkCard(card);
  if (check.problems.length > 0) {
    throw new Error(`invalid Adaptive Card:\n- ${check.problems.join('\n- ')}\n${JSON.stringify(card).slice(0, 2000)}`);
  }
  if (versionOf(card as Record<string, unknown>) > 1.5) throw new Error(`card version ${check.version} is above 1.5`);
  if (check.bytes >= MAX_CARD_BYTES) throw new Error(`card is ${check.bytes} bytes, limit ${MAX_CARD_BYTES}`);
}
