/**
 * Throttle compliance: one user fires 3× the per-key limit of actions at once (create-task card submits, each a
 * write) against a sandbox that enforces the same small limit as the client. Expected: zero 429s reach InLoox,
 * every action completes, InLoox receives the writes in the order they were fired, no window holds more calls
 * than the limit.
 */
import {
  connectUser,
  createTaskData,
  executeActivity,
  firstProjectId,
  newUsers,
  openConnections,
} from './lib/activities';
import { benchKeys, startProduct, startSandbox, stopAll, type SandboxLogEntry } from './lib/stack';

export interface ThrottleResult {
  limit: { calls: number; windowMs: number };
  actions: number;
  inlooxCalls: number;
  completed: number;
  responses429: number;
  /** Largest number of calls InLoox saw in any sliding window of windowMs. */
  maxCallsInWindow: number;
  writesInOrder: boolean;
  /** Pairs of writes that reached InLoox in the opposite order of firing. */
  inversions: number;
  elapsedMs: number;
  /** ceil(calls / limit - 1) windows: the least time the calls can take at this limit. */
  lowerBoundMs: number;
}

export function maxInWindow(timestamps: number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export function inversions(order: number[]): number {
  let count = 0;
  for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) if (order[i]! > order[j]!) count++;
  return count;
}

export async function benchThrottle(options: { calls: number; windowMs: number }): Promise<ThrottleResult> {
  const limit = { calls: options.calls, windowMs: options.windowMs };
  const sandbox = await startSandbox(benchKeys(1, 'throttle-key'), limit);
  const running: { stop(): Promise<void> }[] = [sandbox];
  try {
    const product = await startProduct({
      inlooxBaseUrl: sandbox.ready.baseUrl,
      rateLimit: { calls: limit.calls, windowS: limit.windowMs / 1000 },
    });
    running.push(product);
    const [user] = newUsers(1);
    const key = sandbox.ready.keys[0]!;
    const projectId = await firstProjectId(sandbox.ready.baseUrl, key);
    await connectUser(product.ready.baseUrl, user!, key);
    // Start from an empty window on both sides.
    await new Promise((resolve) => setTimeout(resolve, limit.windowMs + 200));
    await sandbox.call('resetRateLimit');
    await sandbox.call('clear');

    const actions = limit.calls * 3;
    const connections = await openConnections(product.ready.baseUrl, actions);
    const names = Array.from({ length: actions }, (_, i) => `Throttle ${String(i + 1).padStart(3, '0')}`);
    const started = performance.now();
    const answers: Promise<{ status: number; body: string }>[] = [];
    for (const name of names) {
      answers.push(connections.post(executeActivity(user!, 'task.create', createTaskData(projectId, name))));
      // Fired one after another within a few milliseconds, so "the order fired" is well defined.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const results = await Promise.all(answers);
    connections.close();
    const elapsedMs = Math.round(performance.now() - started);
    const completed = results.filter(
      (r, i) => r.status === 200 && r.body.includes(names[i]!) && r.body.includes('Task created'),
    ).length;
    const log = await sandbox.call<SandboxLogEntry[]>('log');
    const writes = await sandbox.call<{ name: string }[]>('writes');
    const order = writes.map((w) => names.indexOf(w.name));
    const inversionCount = inversions(order);
    return {
      limit,
      actions,
      inlooxCalls: log.length,
      completed,
      responses429: log.filter((entry) => entry.status === 429).length,
      maxCallsInWindow: maxInWindow(
        log.map((entry) => entry.timestamp),
        limit.windowMs,
      ),
      writesInOrder: order.length === actions && inversionCount === 0 && order.every((v, i) => v === i),
      inversions: inversionCount,
      elapsedMs,
      lowerBoundMs: Math.max(0, Math.ceil(log.length / limit.calls) - 1) * limit.windowMs,
    };
  } finally {
    await stopAll(running);
  }
}
