/**
 * Seeded generators of malformed and hostile input: Teams activities (messages, card submissions, invokes) and
 * add-in API requests. The same seed gives the same sequence, so a failure can be replayed with ROBUSTNESS_SEED.
 */
import { VERBS } from '../../shared/cards/verbs';

export type Random = () => number;

/** Every card verb but "disconnect" (it would end the person's session for the rest of the run). */
const SAFE_VERBS = VERBS.filter((verb) => verb !== 'disconnect');

/** Search texts that would change a query if pasted into it unescaped. */
export const INJECTIONS = [
  "') or true or ('",
  "' or 1 eq 1 or '",
  "x') or (Name ne '",
  "'",
  "''",
  "a'b''c'''",
  "O'Brien",
  "')) or contains(Name,'",
  '%27) or true or (%27',
  "' and IsRecycled eq true and '",
  '$filter=true',
  '&$top=100000&$skip=0',
  '#fragment',
  "'; DROP TABLE Task; --",
  "\\'",
  "tolower(Name) eq 'x'",
  '＇) or true or (＇',
];

const UNICODE = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e\u202dreversed',
  '\ufeffbom',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  'Straße Größe ÄÖÜ',
  '中文搜索',
  'עברית',
  '\u200b\u200c\u200d',
  '\r\n\t\v\f',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];

const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<at>InLoox</at> projects',
  '${{7*7}}',
  '{{$root.secret}}',
  '${process.env}',
  '[link](javascript:alert(1))',
  '../../../etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  '__proto__',
  'constructor',
];

export const HOSTILE_TEXTS = [...INJECTIONS, ...UNICODE, ...MARKUP];

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function int(random: Random, max: number): number {
  return Math.floor(random() * max);
}

function randomGuid(random: Random): string {
  const hex = () => int(random, 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-8${part(3)}-${part(12)}`;
}

export function hostileText(random: Random): string {
  const roll = random();
  if (roll < 0.45) return pick(random, INJECTIONS);
  if (roll < 0.65) return pick(random, UNICODE);
  if (roll < 0.8) return pick(random, MARKUP);
  if (roll < 0.88) return 'x'.repeat(pick(random, [101, 201, 256, 5_000, 100_000]));
  if (roll < 0.94) return `${pick(random, INJECTIONS)}${pick(random, UNICODE)}${pick(random, MARKUP)}`;
  return Array.from({ length: 1 + int(random, 30) }, () => String.fromCharCode(int(random, 0xffff))).join('');
}

/** Ids the fuzzer may use: the person's own, another account's (foreign), random and not ids at all. */
export interface IdPool {
  own: string[];
  foreign: string[];
}

function anyId(random: Random, ids: IdPool): unknown {
  const roll = random();
  if (roll < 0.25 && ids.own.length) return pick(random, ids.own);
  if (roll < 0.5 && ids.foreign.length) return pick(random, ids.foreign);
  if (roll < 0.65) return randomGuid(random);
  if (roll < 0.75) return `{${randomGuid(random).toUpperCase()}}`;
  return wrongType(random);
}

export function wrongType(random: Random): unknown {
  return pick(random, [
    null,
    0,
    -1,
    1e308,
    Number.MAX_SAFE_INTEGER,
    true,
    [],
    ['a', 1],
    {},
    { $ne: null },
    { __proto__: { polluted: true } },
    '',
    ' ',
    'NaN',
    '1e999',
    '2026-13-45',
    '0000-00-00',
    hostileText(random),
  ]);
}

function anyValue(random: Random, ids: IdPool): unknown {
  const roll = random();
  if (roll < 0.35) return hostileText(random);
  if (roll < 0.55) return anyId(random, ids);
  return wrongType(random);
}

const FORM_FIELDS = [
  'name',
  'projectId',
  'taskId',
  'start',
  'end',
  'effort',
  'assigneeId',
  'contactId',
  'description',
  'comment',
  'priority',
  'clientId',
  'role',
  'search',
  'mine',
  'skip',
  'page',
  'sourceUrl',
  'sourceHtml',
  'apiKey',
];

/** Card data: a plausible form with some fields missing, replaced or of the wrong type. */
export function cardData(random: Random, ids: IdPool): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of FORM_FIELDS) {
    const roll = random();
    if (roll < 0.45) continue;
    if (field.endsWith('Id')) data[field] = anyId(random, ids);
    else if (field === 'start' || field === 'end') data[field] = random() < 0.5 ? '2026-06-01' : wrongType(random);
    else if (field === 'effort') data[field] = random() < 0.4 ? String(int(random, 100)) : wrongType(random);
    else if (field === 'apiKey') data[field] = random() < 0.5 ? hostileText(random) : wrongType(random);
    else data[field] = anyValue(random, ids);
  }
  if (random() < 0.3) data.verb = pick(random, [...SAFE_VERBS, 'eval', '__proto__', hostileText(random)]);
  return data;
}

const COMMANDS = [
  'projects',
  'projekte',
  'tasks',
  'aufgaben',
  'project',
  'projekt',
  'task',
  'aufgabe',
  'new task',
  'neue aufgabe',
  'new project',
  'my tasks',
  'more',
  'help',
  'hilfe',
];

/** Commands that are safe to generate: no "disconnect" (it would end the person's session for the rest of the run). */
export function messageText(random: Random): unknown {
  const roll = random();
  if (roll < 0.7) return `${pick(random, COMMANDS)} ${hostileText(random)}`;
  if (roll < 0.85) return hostileText(random);
  return wrongType(random);
}

export type ActivityFactory = (
  type: string,
  fields: Record<string, unknown>,
  locale?: string,
) => Record<string, unknown>;

export interface GeneratedActivity {
  label: string;
  body: unknown;
  /** The search text this activity may send to InLoox (for the $filter check). */
  search?: string;
}

/** One malformed or hostile activity for POST /api/messages. */
export function generateActivity(random: Random, make: ActivityFactory, ids: IdPool): GeneratedActivity {
  const locale = pick(random, ['en-US', 'de-DE', 'de', 'fr-FR', '', 'xx-INVALID', '\u0000']);
  const roll = random();
  if (roll < 0.3) {
    const text = messageText(random);
    return {
      label: 'message',
      body: make('message', { text }, locale),
      ...(typeof text === 'string' ? { search: text } : {}),
    };
  }
  if (roll < 0.45) {
    const value = random() < 0.85 ? { verb: pick(random, SAFE_VERBS), ...cardData(random, ids) } : wrongType(random);
    return { label: 'card submission', body: make('message', { value, replyToId: 'card-1' }, locale) };
  }
  if (roll < 0.7) {
    const verb = random() < 0.9 ? pick(random, SAFE_VERBS) : hostileText(random);
    const data = random() < 0.9 ? cardData(random, ids) : wrongType(random);
    const value =
      random() < 0.9
        ? { action: { type: 'Action.Execute', verb, data }, trigger: pick(random, ['manual', 'automatic', 42]) }
        : wrongType(random);
    return {
      label: `Action.Execute ${String(verb).slice(0, 30)}`,
      body: make('invoke', { name: 'adaptiveCard/action', value }, locale),
    };
  }
  if (roll < 0.8) {
    const queryText = random() < 0.8 ? hostileText(random) : wrongType(random);
    const value = {
      queryText,
      dataset: pick(random, ['projects', 'contacts', 'passwords', wrongType(random)]),
      queryOptions: random() < 0.5 ? { skip: wrongType(random), top: wrongType(random) } : { skip: 0, top: 15 },
    };
    return {
      label: 'typeahead search',
      body: make('invoke', { name: 'application/search', value }, locale),
      ...(typeof queryText === 'string' ? { search: queryText } : {}),
    };
  }
  if (roll < 0.88) {
    const query = hostileText(random);
    const value = {
      commandId: pick(random, ['searchInLoox', 'createTask', hostileText(random)]),
      parameters:
        random() < 0.8 ? [{ name: pick(random, ['query', 'initialRun', 'x']), value: query }] : wrongType(random),
      queryOptions: { skip: wrongType(random), count: wrongType(random) },
    };
    return {
      label: 'message extension query',
      body: make('invoke', { name: 'composeExtension/query', value }, locale),
      search: query,
    };
  }
  if (roll < 0.93) {
    const name = pick(random, [
      'composeExtension/queryLink',
      'composeExtension/submitAction',
      'composeExtension/fetchTask',
    ]);
    const value = {
      url: pick(random, [
        `https://app.inloox.com/#/project/${String(anyId(random, ids))}`,
        `https://app.inloox.com/#/task/${String(anyId(random, ids))}`,
        hostileText(random),
        'javascript:alert(1)',
      ]),
      commandId: pick(random, ['createTask', hostileText(random)]),
      data: cardData(random, ids),
      messagePayload: random() < 0.5 ? { body: { content: hostileText(random) } } : wrongType(random),
    };
    return { label: name, body: make('invoke', { name, value }, locale) };
  }
  // Structural damage to the activity itself.
  const base = make('message', { text: 'projects' }, locale);
  const field = pick(random, [
    'from',
    'conversation',
    'channelData',
    'recipient',
    'locale',
    'type',
    'id',
    'timestamp',
    'name',
  ]);
  const damaged = { ...base, [field]: wrongType(random) };
  if (random() < 0.3) delete (damaged as Record<string, unknown>)[field];
  if (random() < 0.1) return { label: 'not JSON', body: pick(random, ['{"type":', '\u0000', 'null', '[]', '{}']) };
  return { label: `damaged ${field}`, body: damaged };
}

export interface GeneratedAddinRequest {
  label: string;
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  search?: string;
  /** false: sent without the person's token. */
  authenticated: boolean;
}

/** URL-encodes like a careless client: a lone surrogate goes out as the invalid UTF-8 bytes it would become. */
export function encodeLoose(text: string): string {
  return Array.from(text)
    .map((char) => {
      try {
        return encodeURIComponent(char);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');
}

/** One malformed or hostile request to the add-in API. */
/** Booking time from Outlook: a mail's time, a meeting, and whether a meeting was booked. */
function timeRequest(random: Random, ids: IdPool, authenticated: boolean): GeneratedAddinRequest {
  const maybe = (good: unknown) => (random() < 0.6 ? good : wrongType(random));
  const appointment =
    random() < 0.8 ? { id: maybe(hostileText(random)), start: maybe('2026-06-01T08:00:00Z') } : wrongType(random);
  const kind = pick(random, ['/time/mail', '/time/appointment', '/time/appointment/booked']);
  const base = {
    taskId: anyId(random, ids),
    projectId: anyId(random, ids),
    name: maybe(hostileText(random)),
    billable: maybe(random() < 0.5),
    formId: maybe(randomGuid(random)),
  };
  const body =
    kind === '/time/appointment/booked'
      ? appointment
      : kind === '/time/mail'
        ? {
            ...base,
            duration: maybe(hostileText(random)),
            date: maybe('2026-06-01'),
            timeZone: maybe(hostileText(random)),
          }
        : {
            ...base,
            startDateTime: maybe('2026-06-01T08:00:00Z'),
            endDateTime: maybe(pick(random, ['2026-06-01T09:00:00Z', '2026-06-01T07:00:00Z', '2026-06-03T09:00:00Z'])),
            appointment,
            again: maybe(random() < 0.5),
          };
  return { label: `POST ${kind}`, method: 'POST', path: kind, body, authenticated };
}

export function generateAddinRequest(random: Random, ids: IdPool): GeneratedAddinRequest {
  const authenticated = random() < 0.93;
  const roll = random();
  if (roll < 0.45) {
    const list = pick(random, ['/projects', '/contacts', '/tasks']);
    const q = hostileText(random);
    const variant = random();
    const query =
      variant < 0.8
        ? `?q=${encodeLoose(q)}`
        : variant < 0.9
          ? `?q=${encodeLoose(q)}&q=second`
          : `?q[$ne]=1&${encodeLoose(q).slice(0, 50)}`;
    return { label: `GET ${list}`, method: 'GET', path: `${list}${query}`, search: q, authenticated };
  }
  if (roll < 0.75) {
    const body: Record<string, unknown> = {
      name: random() < 0.6 ? hostileText(random) : wrongType(random),
      projectId: anyId(random, ids),
      startDateTime: random() < 0.6 ? '2026-06-01T08:00:00Z' : wrongType(random),
      endDateTime: random() < 0.6 ? '2026-06-02T08:00:00Z' : wrongType(random),
      workAmount: random() < 0.5 ? int(random, 20) : wrongType(random),
      descriptionHtml: random() < 0.7 ? hostileText(random) : wrongType(random),
      ...(random() < 0.4 ? { assigneeId: anyId(random, ids) } : {}),
    };
    for (const key of Object.keys(body)) if (random() < 0.1) delete body[key];
    return {
      label: 'POST /tasks',
      method: 'POST',
      path: '/tasks',
      body: random() < 0.95 ? body : wrongType(random),
      authenticated,
    };
  }
  if (roll < 0.85) {
    const taskId = anyId(random, ids);
    return {
      label: 'POST /tasks/:id/notes',
      method: 'POST',
      path: `/tasks/${encodeLoose(String(taskId))}/notes`,
      body: { html: random() < 0.7 ? hostileText(random) : wrongType(random) },
      authenticated,
    };
  }
  if (roll < 0.9) {
    return {
      label: 'POST /preview',
      method: 'POST',
      path: '/preview',
      body: {
        email:
          random() < 0.5
            ? { subject: hostileText(random), to: [], cc: [], bodyHtml: hostileText(random) }
            : wrongType(random),
        trimQuoted: wrongType(random),
      },
      authenticated,
    };
  }
  if (roll < 0.93) return timeRequest(random, ids, authenticated);
  if (roll < 0.95) {
    return {
      label: 'POST /connect',
      method: 'POST',
      path: '/connect',
      body: { apiKey: random() < 0.6 ? hostileText(random) : wrongType(random) },
      authenticated,
    };
  }
  return {
    label: 'raw body',
    method: pick(random, ['POST', 'PUT', 'DELETE', 'PATCH']),
    path: pick(random, ['/tasks', '/connect', '/me', `/${encodeLoose(hostileText(random)).slice(0, 200)}`]),
    rawBody: pick(random, ['{"name":', 'null', '[]', '\u0000', '{"__proto__":{"x":1}}', '"string"']),
    authenticated,
  };
}
