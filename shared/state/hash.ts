import { createHash } from 'node:crypto';

/** Keys can name people and conversations, so only their hash is stored. */
export function stateKeyHash(namespace: string, key: string): string {
  return createHash('sha256').update(namespace).update('\0').update(key).digest('hex');
}
