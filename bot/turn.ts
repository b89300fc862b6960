/** What every bot handler gets: the services (deps) and who acts in which language (turn). */
import type { FilingStore } from '../shared/filings';
import type { Banner, CardContext } from '../shared/cards';
import { t, type StringKey } from '../shared/cards/strings';
import type { ConnectionService } from '../shared/connections';
import type { UserIdentity } from '../shared/identity';
import type { InLooxApi, InLooxLinks } from '../shared/inloox/api';
import type { NotifyStore } from '../shared/notify';
import type { StateStore } from '../shared/state';
import { MissingIdentityError, type BotLogger } from './errors';
import type { ListCursors } from './list-cursors';

export interface BotDeps {
  connections: ConnectionService;
  links: InLooxLinks;
  /** The operator's InLoox API base URL (link unfurling accepts its host). */
  inlooxBaseUrl: string;
  log: BotLogger;
  /** Where a typed "more" finds the next page of each person's last list. */
  cursors: ListCursors;
  /** Short-lived state in the product's database: the results of submitted create forms. */
  state: StateStore;
  /** Notification settings and where to reach each person; absent where notifications are not wired. */
  notify?: NotifyStore;
  /** Which Teams messages each person made a task (the filing memory); absent where it is not wired. */
  filings?: FilingStore;
}

/** Who acts and how they read: taken from the activity by the SDK edge. */
export interface Turn {
  identity: UserIdentity | undefined;
  ctx: CardContext;
  /** Conversation id, to remember the last list for "more". */
  conversationId: string;
  /** The person's Teams user id (activity.from.id), for cards that refresh for the people who have them. */
  userId?: string;
}

export function requireIdentity(turn: Turn): UserIdentity {
  if (!turn.identity) throw new MissingIdentityError();
  return turn.identity;
}

export async function apiFor(deps: BotDeps, turn: Turn): Promise<InLooxApi> {
  return deps.connections.apiFor(requireIdentity(turn));
}

/** The green line on top of a card after something worked ("Task created."). */
export const banner = (ctx: CardContext, key: StringKey, vars: Record<string, string> = {}): Banner => ({
  text: t(ctx.locale, key, vars),
  tone: 'good',
});
