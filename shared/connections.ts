import { AppError } from './errors/app-error';
import type { UserIdentity } from './identity';
import type { InLooxApi } from './inloox/api';
import type { ConnectionInfo } from './keystore/types';

export type NotConnectedReason = 'not_connected' | 'needs_reconnect';

/** Thrown by ConnectionService.apiFor when the person has no usable InLoox connection. */
export class NotConnectedError extends AppError {
  readonly reason: NotConnectedReason;
  constructor(reason: NotConnectedReason) {
    super(reason, {
      detail: reason === 'needs_reconnect' ? 'InLoox connection needs to be renewed' : 'Not connected to InLoox',
    });
    this.name = 'NotConnectedError';
    this.reason = reason;
  }
}

/**
 * One InLoox connection per person, shared by Teams, Outlook and the tab.
 * Implemented in shared/connection-service.ts.
 */
export interface ConnectionService {
  /**
   * Validates the key with UserInfo/Me(), then stores it encrypted. Rejects with InLooxError('auth') for a bad key,
   * and with ConnectAttemptsError ('too_many_attempts', 429) after too many attempts of the person or of
   * `clientAddress` (the caller's network address where the client talks to us directly: add-in and tab).
   */
  connect(identity: UserIdentity, apiKey: string, context?: { clientAddress?: string }): Promise<ConnectionInfo>;
  disconnect(identity: UserIdentity): Promise<boolean>;
  status(identity: UserIdentity): Promise<ConnectionInfo | undefined>;
  /**
   * The person's InLoox API. Rejects with NotConnectedError. A 401 from any later call marks the
   * connection as needing reconnection (and the call rejects with InLooxError('auth')).
   */
  apiFor(identity: UserIdentity): Promise<InLooxApi>;
}
