/**
 * "A form creates once": the first submit of a form id claims it in the state store, creates, and records what it
 * created; a later submit of the same form id (double click, retry, second device, another instance) gets that
 * record back and creates nothing. A failed create releases the claim so the same form can be sent again.
 */
import { AppError } from '../errors/app-error';
import type { StateStore } from './types';

const NAMESPACE = 'form-once';
/** Results are kept two days, so a form sent again the next day still finds its first result. */
export const FORM_RESULT_KEPT_MS = 48 * 60 * 60 * 1000;
const POLL_MS = 100;

type Entry<T> = { status: 'pending' } | { status: 'done'; result: T };

/** Another submit of the same form is still creating; the caller says so instead of creating again. */
export class FormInProgressError extends AppError {
  constructor() {
    super('form_in_progress', { retryAfterSeconds: 2, detail: 'the same form is being submitted already' });
    this.name = 'FormInProgressError';
  }
}

export interface OnceOptions {
  /** How long a repeated submit waits for the first one to finish before answering "in progress". */
  waitMs?: number;
}

function readEntry<T>(text: string | undefined): Entry<T> | undefined {
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as Entry<T>;
    return entry && (entry.status === 'pending' || entry.status === 'done') ? entry : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `create` at most once per (scope, formId). `scope` names who submits (a person), so nobody can read another
 * person's result with their form id. Without a form id (old cards), `create` simply runs.
 */
export async function createOnce<T>(
  state: StateStore,
  scope: string,
  formId: string | undefined,
  create: () => Promise<T>,
  options: OnceOptions = {},
): Promise<{ fresh: boolean; result: T }> {
  if (!formId) return { fresh: true, result: await create() };
  const key = `${scope}|${formId.toLowerCase()}`;
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  for (;;) {
    const claim = await state.putIfAbsent(
      NAMESPACE,
      key,
      JSON.stringify({ status: 'pending' } satisfies Entry<T>),
      FORM_RESULT_KEPT_MS,
    );
    if (claim.inserted) break;
    let text: string | undefined = claim.value;
    let entry = readEntry<T>(text);
    while (entry?.status === 'pending' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      text = await state.get(NAMESPACE, key);
      entry = readEntry<T>(text);
    }
    if (entry?.status === 'done') return { fresh: false, result: entry.result };
    if (entry?.status === 'pending') throw new FormInProgressError();
    // An unreadable entry is dropped; a released claim (the first submit failed) is simply claimed again.
    if (text !== undefined) await state.delete(NAMESPACE, key);
  }
  let result: T;
  try {
    result = await create();
  } catch (error) {
    await state.delete(NAMESPACE, key).catch(() => undefined);
    throw error;
  }
  await state.put(NAMESPACE, key, JSON.stringify({ status: 'done', result } satisfies Entry<T>), FORM_RESULT_KEPT_MS);
  return { fresh: true, result };
}
