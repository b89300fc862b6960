import type { AppConfig } from '../shared/config';
import type { ConnectionService } from '../shared/connections';
import type { FilingStore } from '../shared/filings';
import type { NotifyStore } from '../shared/notify';
import type { HtmlSanitizer } from '../shared/sanitize/pool';
import type { StateStore } from '../shared/state';

/**
 * Everything the HTTP routers need, built once by the entry point (server/main.ts) or by a test.
 * Kept apart from server/app.ts so the routers that app mounts (bot, add-in, tab) never import the app itself.
 */
export interface AppServices {
  config: AppConfig;
  connections: ConnectionService;
  /** Where mail and message HTML is sanitized; default: the process's worker pool. */
  sanitizer?: HtmlSanitizer;
  /** Short-lived state shared by every instance (the key store's database); whoever builds the services closes it. */
  state: StateStore;
  /** Conversation references and notification settings (the key store's database); notifications need it. */
  notify?: NotifyStore;
  /** Which mails and messages each person filed to which task or project; whoever builds the services closes it. */
  filings: FilingStore;
}
