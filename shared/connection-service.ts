/**
 * One InLoox connection per person (tenant + object id), shared by Teams, Outlook and the tab.
 * Keys are validated against InLoox (UserInfo/Me()) before they are stored; a later 401 flags the
 * connection so the person is asked to connect again.
 */
import { apiKeySchema, LIMITS } from './domain';
import type { ConnectLimit } from './connect-limit';
import type { ConnectionService } from './connections';
import { NotConnectedError } from './connections';
import { identityKey, isValidIdentity, type UserIdentity } from './identity';
import type { InLooxApi } from './inloox/api';
import { InLooxError, isInLooxError } from './inloox/errors';
import type { ConnectionInfo, KeyStore, StoredConnection } from './keystore/types';

/** InLoox personal access tokens are far shorter; anything longer is a paste accident. */
export const MAX_API_KEY_LENGTH = LIMITS.apiKey;

export interface ConnectionServiceDeps {
  store: KeyStore;
  /** Builds the InLoox API for one key (the real InLooxClient in production). */
  /** The InLoox API for a key; the owner's contact id is passed when known, saving a UserInfo/Me() call. */
  clientFor: (apiKey: string, knownContactId?: string) => InLooxApi;
  /** Limits connect attempts per person and client address (server/services.ts wires it); unlimited without. */
  connectLimit?: ConnectLimit;
  /** How many people's API objects stay in memory (least recently used are dropped). 0 disables the cache. */
  cacheSize?: number;
  now?: () => Date;
  /** What else goes with the connection (the person's filing memory); runs first, so a failure keeps the key. */
  onDisconnect?: (identity: UserIdentity) => Promise<void>;
  /** After a key was stored (first connection or a new one); a failure here does not undo the connection. */
  onConnect?: (identity: UserIdentity) => Promise<void>;
}

/** Trims and checks a pasted key; rejects with InLooxError('validation', { field: 'apiKey' }). */
export function normalizeApiKey(raw: unknown): string {
  const result = apiKeySchema.safeParse(raw);
  if (!result.success) {
    throw new InLooxError('validation', { field: 'apiKey', detail: 'API key is empty, too long or contains spaces' });
  }
  return result.data;
}

function assertIdentity(identity: UserIdentity): void {
  if (!isValidIdentity(identity))
    throw new TypeError('A valid Microsoft 365 identity (tenantId + objectId) is required');
}

function infoOf(connection: StoredConnection): ConnectionInfo {
  return {
    inlooxContactId: connection.inlooxContactId,
    inlooxDisplayName: connection.inlooxDisplayName,
    inlooxEmail: connection.inlooxEmail ?? null,
    connectedAt: connection.connectedAt,
    needsReconnect: connection.needsReconnect,
  };
}

function displayNameOf(me: {
  DisplayName?: string | null;
  FirstName?: string | null;
  LastName?: string | null;
  Email?: string | null;
}): string {
  const name =
    me.DisplayName?.trim() ||
    [me.FirstName, me.LastName]
      .filter((part) => part?.trim())
      .join(' ')
      .trim();
  return name || me.Email?.trim() || '';
}

interface CachedApi {
  /** The stored connection this API was built for; reused only while the store still holds exactly that. */
  apiKey: string;
  connectedAt: string;
  api: InLooxApi;
}

/**
 * Wraps every method so an InLooxError of kind 'auth' (401) flags the connection before it is rethrown.
 */
function guardAuth(api: InLooxApi, onAuthError: () => Promise<void>): InLooxApi {
  const check = async (error: unknown): Promise<never> => {
    if (isInLooxError(error) && error.kind === 'auth') await onAuthError().catch(() => undefined);
    throw error;
  };
  return new Proxy(api, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          // Synchronous throw from a method: same treatment, as a rejected promise.
          return check(error);
        }
        if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
          return (result as Promise<unknown>).catch(check);
        }
        return result;
      };
    },
  });
}

export function createConnectionService(deps: ConnectionServiceDeps): ConnectionService {
  const { store, clientFor } = deps;
  const now = deps.now ?? (() => new Date());
  const cacheSize = Math.max(0, deps.cacheSize ?? 1000);
  // Map keeps insertion order: re-inserting on use makes the first entry the least recently used.
  const cache = new Map<string, CachedApi>();

  const remember = (key: string, entry: CachedApi) => {
    if (cacheSize === 0) return;
    cache.delete(key);
    cache.set(key, entry);
    while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  };

  return {
    async connect(identity, rawApiKey, context = {}) {
      assertIdentity(identity);
      const apiKey = normalizeApiKey(rawApiKey);
      await deps.connectLimit?.attempt(identity, context.clientAddress);
      const me = await clientFor(apiKey).me();
      if (!me?.ContactId) throw new InLooxError('unavailable', { detail: 'UserInfo/Me() returned no contact' });
      const connection: StoredConnection = {
        apiKey,
        inlooxContactId: me.ContactId,
        inlooxDisplayName: displayNameOf(me),
        inlooxEmail: me.Email?.trim() || null,
        connectedAt: now().toISOString(),
        needsReconnect: false,
      };
      cache.delete(identityKey(identity));
      await store.put(identity, connection);
      await deps.onConnect?.(identity).catch(() => undefined);
      return infoOf(connection);
    },

    async disconnect(identity) {
      assertIdentity(identity);
      await deps.onDisconnect?.(identity);
      cache.delete(identityKey(identity));
      return store.delete(identity);
    },

    async status(identity) {
      assertIdentity(identity);
      const connection = await store.get(identity);
      return connection ? infoOf(connection) : undefined;
    },

    async apiFor(identity) {
      assertIdentity(identity);
      const key = identityKey(identity);
      // The store is the source of truth (another server instance may have disconnected or flagged the person),
      // so it is read every time; the cache only saves building a new client for the same stored key.
      const connection = await store.get(identity);
      if (!connection) {
        cache.delete(key);
        throw new NotConnectedError('not_connected');
      }
      if (connection.needsReconnect) {
        cache.delete(key);
        throw new NotConnectedError('needs_reconnect');
      }
      const cached = cache.get(key);
      if (cached && cached.apiKey === connection.apiKey && cached.connectedAt === connection.connectedAt) {
        remember(key, cached);
        return cached.api;
      }
      const api = guardAuth(clientFor(connection.apiKey, connection.inlooxContactId), async () => {
        cache.delete(key);
        await store.markNeedsReconnect(identity, connection.connectedAt);
      });
      remember(key, { apiKey: connection.apiKey, connectedAt: connection.connectedAt, api });
      return api;
    },
  };
}
