/**
 * How often someone may try to connect. Every attempt with a well-formed key costs a call to InLoox, and the
 * per-key budget of the InLoox client never applies to keys it has not seen, so without this limit anyone signed
 * in could make InLoox check hundreds of made-up keys. Counted per person and per client address, in the same
 * store as the InLoox call budget (the SQLite file, or PostgreSQL shared by every instance).
 */
import { createHash } from 'node:crypto';
import { identityKey, type UserIdentity } from './identity';
import { AppError } from './errors/app-error';
import { MemoryLimiterStore, type LimiterStore } from './inloox/limiter';

export interface ConnectLimitOptions {
  store: LimiterStore;
  /** Attempts per person per window (default 5). */
  perIdentity?: number;
  /** Attempts per client address per window (default 30: people behind one proxy or NAT share an address). */
  perAddress?: number;
  /** Default one minute. */
  windowMs?: number;
}

/** Too many connect attempts: 429 with Retry-After, or the card's text (words in the shared error catalogue). */
export class ConnectAttemptsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('too_many_attempts', { retryAfterSeconds, detail: 'connect attempts limited' });
    this.name = 'ConnectAttemptsError';
  }
}

export interface ConnectLimit {
  /** Counts one attempt; rejects with ConnectAttemptsError when the person or the address is over the limit. */
  attempt(identity: UserIdentity, clientAddress?: string): Promise<void>;
}

/** Opaque limiter key, so neither identities nor addresses sit in the limiter table. */
function limitKey(kind: string, value: string): string {
  return createHash('sha256').update(`inloox-m365/connect/${kind}:${value}`).digest('hex').slice(0, 32);
}

export function createConnectLimit(options: ConnectLimitOptions): ConnectLimit {
  const windowMs = options.windowMs ?? 60_000;
  // A database outage must not lock everyone out of connecting: this instance then counts on its own.
  const fallback = new MemoryLimiterStore();
  const take = (key: string, calls: number) =>
    options.store.tryTake(key, calls, windowMs).catch(() => fallback.tryTake(key, calls, windowMs));
  const limits: [kind: string, calls: number][] = [
    ['identity', options.perIdentity ?? 5],
    ['address', options.perAddress ?? 30],
  ];
  return {
    async attempt(identity, clientAddress) {
      for (const [kind, calls] of limits) {
        const value = kind === 'identity' ? identityKey(identity) : clientAddress;
        if (!value) continue;
        const result = await take(limitKey(kind, value), calls);
        if (!result.ok) throw new ConnectAttemptsError(Math.max(1, Math.ceil(result.retryInMs / 1000)));
      }
    },
  };
}
