/**
 * One person's check: one InLoox call for their open tasks, compared with the snapshot of the last check.
 * New tasks assigned by someone else and moved due dates become cards; the digest is built from the same answer
 * when its time has come. The new snapshot and the cards are written in one transaction (the outbox), then sent.
 * A failure of one person (bad data, revoked key, InLoox down) ends that person's check only.
 */
import { randomUUID } from 'node:crypto';
import { assignmentCard, digestCard, dueMovedCard, reconnectNoticeCard, type TimerAction } from '../cards/notify';
import { contactName } from '../cards/common';
import { formatDate, safeTimeZone, type CardContext } from '../cards/format';
import type { AdaptiveCardJson } from '../cards/render';
import { NotConnectedError, type ConnectionService } from '../connections';
import type { UserIdentity } from '../identity';
import type { InLooxApi, InLooxLinks } from '../inloox/api';
import { isInLooxError } from '../inloox/errors';
import type { Task } from '../inloox/types';
import { deliverPending, type DeliveryDeps } from './delivery';
import { dayWindows, nextDigestAt } from './schedule';
import type { NotifyStore } from './store';
import type { NotifyPerson, PendingCard, TaskSnapshot } from './types';

/** One page of open tasks is the one call per check. */
export const CHECK_PAGE = 100;
/** A person who used the bot this recently is checked later, so their own requests keep the whole budget. */
export const YIELD_MS = 60_000;
/** A digest that could not go out for this long (server down, person busy) is skipped rather than sent late. */
export const DIGEST_LATE_MS = 12 * 60 * 60 * 1000;

export interface CheckDeps extends DeliveryDeps {
  store: NotifyStore;
  connections: ConnectionService;
  links: InLooxLinks;
  now: () => number;
  /** How long after a person's last activity their check waits; default YIELD_MS. */
  yieldMs?: number;
  /**
   * The longest a due check is put off for a person who stays busy; after that it runs anyway, through the same
   * per-key budget as their own requests (so it waits its turn there rather than meeting a 429). Default: no limit.
   */
  maxDeferMs?: number;
  /** The Start timer button, when time tracking offers one. */
  timer?: TimerAction;
  log?: (event: string, data: Record<string, unknown>) => void;
}

export type CheckOutcome =
  'unknown' | 'gone' | 'off' | 'deferred' | 'not_connected' | 'revoked' | 'failed' | 'baseline' | 'checked';

const endOf = (task: Task) => {
  if (!task.EndDateTime) return null;
  const time = Date.parse(task.EndDateTime);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

function contextOf(person: NotifyPerson): CardContext {
  return { locale: person.locale, timeZone: safeTimeZone(person.timeZone) };
}

async function projectNames(api: InLooxApi, tasks: Task[]): Promise<Map<string, string>> {
  const ids = [...new Set(tasks.map((task) => task.ProjectId?.toLowerCase()).filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map();
  try {
    const names = await api.getProjectNames(ids);
    return new Map([...names].map(([id, project]) => [id.toLowerCase(), project.Name]));
  } catch {
    // A deleted project or a failed lookup leaves the project out; the notification still goes out.
    return new Map();
  }
}

async function contactNames(api: InLooxApi, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of [...new Set(ids.map((i) => i.toLowerCase()))].slice(0, 5)) {
    try {
      names.set(id, contactName(await api.getContact(id)));
    } catch {
      // Unknown or removed contact: shown as "(none)".
    }
  }
  return names;
}

function snapshotOf(connectedAt: string, tasks: Task[], truncated: boolean): TaskSnapshot {
  const last = tasks.at(-1);
  return {
    connectedAt,
    tasks: Object.fromEntries(tasks.map((task) => [task.TaskItemId.toLowerCase(), endOf(task)])),
    ...(truncated ? { horizon: last ? (endOf(last) ?? '') : '' } : {}),
  };
}

/** Whether a task the last snapshot did not contain is new, rather than one that moved into the first page. */
function isNewToSnapshot(task: Task, previous: TaskSnapshot): boolean {
  if (task.TaskItemId.toLowerCase() in previous.tasks) return false;
  if (previous.horizon === undefined) return true;
  const end = endOf(task);
  return previous.horizon !== '' && end !== null && end <= previous.horizon;
}

async function changeCards(
  deps: CheckDeps,
  person: NotifyPerson,
  api: InLooxApi,
  me: string,
  tasks: Task[],
  previous: TaskSnapshot,
): Promise<AdaptiveCardJson[]> {
  const ctx = contextOf(person);
  const assigned = person.settings.assignments
    ? tasks.filter(
        (task) =>
          isNewToSnapshot(task, previous) &&
          !!task.AssignedByContactId &&
          task.AssignedByContactId.toLowerCase() !== me.toLowerCase(),
      )
    : [];
  const moved = person.settings.dueChanges
    ? tasks.filter((task) => {
        const id = task.TaskItemId.toLowerCase();
        return id in previous.tasks && previous.tasks[id] !== endOf(task);
      })
    : [];
  const cards: AdaptiveCardJson[] = [];
  if (assigned.length) {
    const [projects, people] = await Promise.all([
      projectNames(api, assigned),
      contactNames(
        api,
        assigned.map((task) => task.AssignedByContactId!),
      ),
    ]);
    cards.push(
      assignmentCard(
        ctx,
        assigned.map((task) => ({
          taskId: task.TaskItemId,
          name: task.Name ?? '',
          project: projects.get(task.ProjectId?.toLowerCase() ?? '') ?? '',
          due: formatDate(task.EndDateTime, ctx),
          assignedBy: people.get(task.AssignedByContactId!.toLowerCase()) ?? '',
          url: deps.links.task(task.TaskItemId),
        })),
        deps.timer,
      ),
    );
  }
  if (moved.length)
    cards.push(
      dueMovedCard(
        ctx,
        moved.map((task) => ({
          taskId: task.TaskItemId,
          name: task.Name ?? '',
          from: formatDate(previous.tasks[task.TaskItemId.toLowerCase()], ctx),
          to: formatDate(task.EndDateTime, ctx),
          url: deps.links.task(task.TaskItemId),
        })),
      ),
    );
  return cards;
}

async function digest(api: InLooxApi, person: NotifyPerson, tasks: Task[], now: number) {
  const ctx = contextOf(person);
  const windows = dayWindows(now, person.timeZone);
  const dated = tasks.filter((task) => endOf(task) !== null);
  const at = (task: Task) => Date.parse(endOf(task)!);
  const overdue = dated.filter((task) => at(task) < windows.todayStart);
  const today = dated.filter((task) => at(task) >= windows.todayStart && at(task) < windows.tomorrowStart);
  const thisWeek = dated.filter((task) => at(task) >= windows.tomorrowStart && at(task) < windows.weekEnd);
  const listed = [...overdue, ...today, ...thisWeek];
  if (listed.length === 0) return undefined;
  const projects = await projectNames(api, listed);
  const item = (task: Task) => ({
    taskId: task.TaskItemId,
    name: task.Name ?? '',
    due: formatDate(task.EndDateTime, ctx),
    project: projects.get(task.ProjectId?.toLowerCase() ?? '') ?? '',
  });
  return digestCard(ctx, { overdue: overdue.map(item), today: today.map(item), thisWeek: thisWeek.map(item) });
}

const pendingCard = (card: AdaptiveCardJson): PendingCard => ({ id: randomUUID(), card });

async function revoked(deps: CheckDeps, person: NotifyPerson, connectedAt: string): Promise<CheckOutcome> {
  if (person.reconnectToldFor !== connectedAt) {
    await deps.store.commitCheck(person.identity, {
      reconnectToldFor: connectedAt,
      cards: [pendingCard(reconnectNoticeCard(contextOf(person)))],
    });
    await deliverPending(deps, person.identity, person.reference);
  }
  return 'revoked';
}

export async function checkPerson(deps: CheckDeps, identity: UserIdentity): Promise<CheckOutcome> {
  const person = await deps.store.get(identity);
  if (!person) return 'gone';
  const now = deps.now();
  if ((await deliverPending(deps, identity, person.reference)) === 'gone') return 'gone';
  const { settings } = person;
  if (!settings.assignments && !settings.dueChanges && !settings.digest) return 'off';
  const connection = await deps.connections.status(identity);
  if (!connection) return 'not_connected';
  // The first check of a connection (one call) does not wait: until it has recorded what is there, anything
  // assigned meanwhile would be taken for what was there.
  const first = person.snapshot?.connectedAt !== connection.connectedAt;
  const idleFor = now - person.lastActiveAt;
  const yieldMs = deps.yieldMs ?? YIELD_MS;
  const since = person.deferredSince ?? now;
  const latest = since + (deps.maxDeferMs ?? Number.POSITIVE_INFINITY);
  if (!first && idleFor >= 0 && idleFor < yieldMs && now < latest) {
    await deps.store.deferCheck(identity, Math.min(person.lastActiveAt + yieldMs, latest), since);
    return 'deferred';
  }
  if (connection.needsReconnect) return revoked(deps, person, connection.connectedAt);
  let api: InLooxApi;
  let page: Awaited<ReturnType<InLooxApi['myTasks']>>;
  try {
    api = await deps.connections.apiFor(identity);
    page = await api.myTasks({ top: CHECK_PAGE });
  } catch (error) {
    if (error instanceof NotConnectedError || (isInLooxError(error) && error.kind === 'auth'))
      return revoked(deps, person, connection.connectedAt);
    deps.log?.('notify_check_failed', { kind: isInLooxError(error) ? error.kind : 'other' });
    return 'failed';
  }
  const tasks = page.items;
  const snapshot = snapshotOf(connection.connectedAt, tasks, !!page.nextLink);
  const previous = person.snapshot?.connectedAt === connection.connectedAt ? person.snapshot : undefined;
  const planned = person.nextDigestAt ?? nextDigestAt(now, person.timeZone, settings.digestTime, settings.weekdaysOnly);
  const cards: AdaptiveCardJson[] = [];
  let next = planned;
  if (previous) cards.push(...(await changeCards(deps, person, api, connection.inlooxContactId, tasks, previous)));
  if (planned <= now) {
    next = nextDigestAt(now, person.timeZone, settings.digestTime, settings.weekdaysOnly);
    const onTime = now - planned < DIGEST_LATE_MS;
    const card = settings.digest && previous && onTime ? await digest(api, person, tasks, now) : undefined;
    if (card) cards.push(card);
  }
  await deps.store.commitCheck(identity, { snapshot, nextDigestAt: next, cards: cards.map(pendingCard) });
  if (cards.length && (await deliverPending(deps, identity, person.reference)) === 'gone') return 'gone';
  return previous ? 'checked' : 'baseline';
}
