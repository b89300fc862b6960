/** Chat command parsing: pure, no SDK. Names in English and German, case-insensitive, come from the registry. */

/** What a chat message asks for: a registered command with the text after its name, or nothing known. */
export type ParsedCommand =
  { kind: 'command'; id: string; argument: string } | { kind: 'unknown'; text: string; closest?: string };

/** The parser's view of a command: every name that invokes it, and whether text may follow the name. */
export interface CommandNames {
  id: string;
  names: readonly string[];
  takesArgument: boolean;
}

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

export interface CommandParser {
  parse(rawText: string | undefined | null): ParsedCommand;
  /** The name nearest to what was typed (by edit distance of the first one or two words), if close enough. */
  closest(text: string): string | undefined;
}

export function createCommandParser(commands: readonly CommandNames[]): CommandParser {
  // Longest first, so "meine aufgaben" wins over "aufgaben" and "projects" over "project".
  const keywords = commands
    .flatMap((command) => command.names.map((name) => ({ name: name.toLowerCase(), command })))
    .sort((a, b) => b.name.length - a.name.length);

  function closest(text: string): string | undefined {
    const words = text.toLowerCase().split(' ');
    const candidates = [words.slice(0, 2).join(' '), words[0] ?? ''];
    let best: { keyword: string; distance: number } | undefined;
    for (const { name: keyword } of keywords) {
      if (keyword.length < 3) continue;
      for (const candidate of candidates) {
        const distance = levenshtein(candidate, keyword);
        const limit = keyword.length <= 5 ? 1 : 2;
        if (distance <= limit && (!best || distance < best.distance)) best = { keyword, distance };
      }
    }
    return best?.keyword;
  }

  function parse(rawText: string | undefined | null): ParsedCommand {
    const text = cleanMessageText(rawText);
    const lower = text.toLowerCase();
    if (!text) return { kind: 'command', id: 'help', argument: '' };
    for (const { name, command } of keywords) {
      if (lower !== name && !lower.startsWith(`${name} `)) continue;
      const argument = text.slice(name.length).trim();
      if (!command.takesArgument && argument) break;
      return { kind: 'command', id: command.id, argument };
    }
    return { kind: 'unknown', text, closest: closest(text) };
  }

  return { parse, closest };
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
