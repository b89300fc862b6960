/** Chat command parsing: pure, no SDK. English and German keywords, case-insensitive. */

export type Command =
  | { kind: 'help' }
  | { kind: 'greeting' }
  | { kind: 'connect' }
  | { kind: 'disconnect' }
  | { kind: 'more' }
  | { kind: 'projects'; search: string }
  | { kind: 'project'; query: string }
  | { kind: 'tasks'; search: string }
  | { kind: 'myTasks' }
  | { kind: 'task'; query: string }
  | { kind: 'newTask'; name: string }
  | { kind: 'newProject'; name: string }
  | { kind: 'unknown'; text: string; closest?: string };

type Kind = Exclude<Command['kind'], 'unknown'>;

/** Keywords, longest first so "meine aufgaben" wins over "aufgaben" and "projects" over "project". */
const KEYWORDS: [string, Kind][] = (
  [
    ['meine aufgaben', 'myTasks'],
    ['my tasks', 'myTasks'],
    ['neue aufgabe', 'newTask'],
    ['new task', 'newTask'],
    ['neues projekt', 'newProject'],
    ['new project', 'newProject'],
    ['disconnect', 'disconnect'],
    ['verbinden', 'connect'],
    ['projects', 'projects'],
    ['projekte', 'projects'],
    ['aufgaben', 'tasks'],
    ['connect', 'connect'],
    ['project', 'project'],
    ['projekt', 'project'],
    ['trennen', 'disconnect'],
    ['aufgabe', 'task'],
    ['hallo', 'greeting'],
    ['guten tag', 'greeting'],
    ['servus', 'greeting'],
    ['moin', 'greeting'],
    ['hey', 'greeting'],
    ['hello', 'greeting'],
    ['hilfe', 'help'],
    ['tasks', 'tasks'],
    ['start', 'greeting'],
    ['help', 'help'],
    ['task', 'task'],
    ['more', 'more'],
    ['mehr', 'more'],
    ['hi', 'greeting'],
    ['?', 'help'],
  ] as [string, Kind][]
).sort((a, b) => b[0].length - a[0].length);

/** Kinds that take no argument: anything after the keyword makes the text unrecognised. */
const NO_ARGUMENT = new Set<Kind>(['help', 'greeting', 'connect', 'disconnect', 'more', 'myTasks']);

/** Removes @mentions of the bot and markup Teams puts into message text, and normalizes spaces. */
export function cleanMessageText(text: string | undefined | null): string {
  if (!text) return '';
  return text
    .replace(/<at[^>]*>.*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The keyword nearest to what was typed (by edit distance of the first one or two words), if close enough. */
export function closestCommand(text: string): string | undefined {
  const words = text.toLowerCase().split(' ');
  const candidates = [words.slice(0, 2).join(' '), words[0] ?? ''];
  let best: { keyword: string; distance: number } | undefined;
  for (const [keyword] of KEYWORDS) {
    if (keyword.length < 3) continue;
    for (const candidate of candidates) {
      const distance = levenshtein(candidate, keyword);
      const limit = keyword.length <= 5 ? 1 : 2;
      if (distance <= limit && (!best || distance < best.distance)) best = { keyword, distance };
    }
  }
  return best?.keyword;
}

export function parseCommand(rawText: string | undefined | null): Command {
  const text = cleanMessageText(rawText);
  const lower = text.toLowerCase();
  if (!text) return { kind: 'help' };
  for (const [keyword, kind] of KEYWORDS) {
    if (lower !== keyword && !lower.startsWith(`${keyword} `)) continue;
    const argument = text.slice(keyword.length).trim();
    if (NO_ARGUMENT.has(kind) && argument) break;
    switch (kind) {
      case 'projects':
        return { kind, search: argument };
      case 'tasks':
        return { kind, search: argument };
      case 'project':
        return argument ? { kind, query: argument } : { kind: 'projects', search: '' };
      case 'task':
        return argument ? { kind, query: argument } : { kind: 'tasks', search: '' };
      case 'newTask':
      case 'newProject':
        return { kind, name: argument };
      default:
        return { kind } as Command;
    }
  }
  return { kind: 'unknown', text, closest: closestCommand(text) };
}

/**
 * True when a chat message contains something that looks like a personal access token: one long, unbroken,
 * random-looking word (letters and digits mixed). Such a message is refused and never logged.
 */
export function looksLikeApiKey(rawText: string | undefined | null): boolean {
  if (!rawText) return false;
  for (const word of rawText.split(/\s+/)) {
    if (word.length < 20 || word.length > 600) continue;
    if (/^(https?:|www\.)/i.test(word) || word.includes('@')) continue;
    if (!/^[A-Za-z0-9._~+/=:-]+$/.test(word)) continue;
    const hasDigit = /\d/.test(word);
    const hasLetter = /[A-Za-z]/.test(word);
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[._~+/=:-]/].filter((re) => re.test(word)).length;
    if (hasDigit && hasLetter && classes >= 2) return true;
  }
  return false;
}
