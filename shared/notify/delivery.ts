/**
 * Delivers a person's outbox through the ProactiveSender. Teams' throttling guidance: on 429 wait (Retry-After
 * when given, else exponential backoff with jitter) and retry a few times; 403/404 means the app was removed or
 * the chat is gone, so the person's reference is forgotten. What cannot be sent now stays for the next check.
 */
import type { UserIdentity } from '../identity';
import type { NotifyStore } from './store';
import { ProactiveSendError, type ConversationRef, type ProactiveSender, type SendOutcome } from './types';

export interface DeliveryDeps {
  store: NotifyStore;
  sender: ProactiveSender;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: (event: string, data: Record<string, unknown>) => void;
  /** Attempts per card on 429/5xx; default 4. */
  attempts?: number;
  /** First backoff; doubles per attempt. Default 1 s. */
  baseDelayMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

async function sendOne(
  deps: DeliveryDeps,
  reference: ConversationRef,
  card: Parameters<ProactiveSender['send']>[1],
): Promise<SendOutcome> {
  const attempts = deps.attempts ?? 4;
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.sender.send(reference, card);
      return 'sent';
    } catch (error) {
      const status = error instanceof ProactiveSendError ? error.status : 0;
      if (status === 403 || status === 404) return 'gone';
      if (!RETRYABLE.has(status) || attempt >= attempts) return status === 429 ? 'throttled' : 'failed';
      const backoff = (deps.baseDelayMs ?? 1_000) * 2 ** (attempt - 1);
      const wait = (error as ProactiveSendError).retryAfterMs ?? backoff + Math.floor(random() * backoff * 0.5);
      await sleep(Math.min(wait, 60_000));
    }
  }
}

/** Sends what is waiting for the person, oldest first; stops at the first card that cannot go out now. */
export async function deliverPending(
  deps: DeliveryDeps,
  identity: UserIdentity,
  reference: ConversationRef,
): Promise<SendOutcome | 'nothing'> {
  const pending = await deps.store.pending(identity);
  let last: SendOutcome | 'nothing' = 'nothing';
  for (const item of pending) {
    last = await sendOne(deps, reference, item.card);
    if (last === 'sent') {
      await deps.store.delivered(identity, item.id);
      continue;
    }
    if (last === 'gone') {
      deps.log?.('notify_reference_gone', {});
      await deps.store.forget(identity);
    } else deps.log?.('notify_send_failed', { outcome: last });
    return last;
  }
  return last;
}
