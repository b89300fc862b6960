import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmailForDescription } from '../../shared/sanitize/index';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'emails');

interface FixtureEntry extends Omit<EmailForDescription, 'bodyHtml' | 'bodyText'> {
  id: string;
  file: string;
  bodyType: 'html' | 'text';
}

/** The sample emails in test/fixtures/emails (index.json + bodies) as composeEmailDescription input. */
export function loadEmailFixture(id: string): EmailForDescription {
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { emails: FixtureEntry[] };
  const entry = index.emails.find((e) => e.id === id);
  if (!entry) throw new Error(`no email fixture ${id}`);
  const body = readFileSync(path.join(dir, entry.file), 'utf8');
  const { id: _id, file: _file, bodyType, ...email } = entry;
  return bodyType === 'html' ? { ...email, bodyHtml: body } : { ...email, bodyText: body };
}

export function emailFixtureIds(): string[] {
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { emails: FixtureEntry[] };
  return index.emails.map((e) => e.id);
}
