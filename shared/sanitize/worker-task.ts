/**
 * What one sanitizer worker thread runs (loaded by worker.mjs, driven by pool.ts). Limit failures come back as
 * values: errors crossing the thread boundary lose their class.
 */
import { parentPort } from 'node:worker_threads';
import type { Locale } from '../i18n';
import {
  composeEmailDescription,
  storedDescription,
  type ComposeOptions,
  type ComposedDescription,
  type EmailForDescription,
} from './email-description';
import { isHtmlLimitError, type HtmlLimitCode } from './limits';
import { htmlToPlainText } from './plain-text';
import { sanitizeTeamsMessageHtml } from './teams-message';

export type SanitizeJob =
  | { kind: 'email'; input: EmailForDescription; options: ComposeOptions }
  | { kind: 'stored'; html: string; locale: Locale; maxBytes: number }
  | { kind: 'teams'; html: string; locale: Locale; maxTextLength: number };

export interface SanitizedTeamsMessage {
  html: string;
  text: string;
}

export interface SanitizeResults {
  email: ComposedDescription;
  stored: string;
  teams: SanitizedTeamsMessage;
}

export type SanitizeOutcome = { ok: true; value: unknown } | { ok: false; code: HtmlLimitCode };

/** Posted when a job starts, so the pool's time limit counts work and not the wait in the queue. */
export const STARTED = 'sanitizeJobStarted';

function runJob(job: SanitizeJob): unknown {
  switch (job.kind) {
    case 'email':
      return composeEmailDescription(job.input, job.options);
    case 'stored':
      return storedDescription(job.html, job.locale, job.maxBytes);
    case 'teams': {
      const html = sanitizeTeamsMessageHtml(job.html, { locale: job.locale });
      return { html, text: htmlToPlainText(html, job.maxTextLength) } satisfies SanitizedTeamsMessage;
    }
  }
}

export default function sanitizeInWorker(task: SanitizeJob & { id: number }): SanitizeOutcome {
  parentPort?.postMessage({ [STARTED]: task.id });
  try {
    return { ok: true, value: runJob(task) };
  } catch (error) {
    if (isHtmlLimitError(error)) return { ok: false, code: error.code };
    // A recursion deeper than the stack (nesting the depth check did not see) is complexity, not a bug to report.
    if (error instanceof RangeError) return { ok: false, code: 'too_complex' };
    throw error;
  }
}
