/**
 * Memory of the product process (child with --expose-gc): RSS and heapUsed after full collections, at start,
 * after 1,000 distinct users (tenant + object id pairs) have connected and used the bot, and every 1,000 turns over
 * 10,000 further turns spread across those users. Flat after warm-up means no per-turn leak.
 */
import {
  connectUser,
  executeActivity,
  inParallel,
  messageActivity,
  newUsers,
  postActivity,
  type BenchUser,
} from './lib/activities';
import type { MemoryMap } from './lib/memory-map';
import { benchKeys, startUnthrottledStack, stopAll } from './lib/stack';

export interface MemorySample {
  label: string;
  turns: number;
  rssMb: number;
  heapUsedMb: number;
  /** V8's whole heap (used + free pages), native memory held by JS objects (external), threads of the process. */
  heapTotalMb: number;
  externalMb: number;
  threads: number;
}

export interface MemoryResult {
  users: number;
  keys: number;
  turns: number;
  turnMix: string[];
  samples: MemorySample[];
  /** From the sample after warm-up (2,000 turns) to the last one. */
  heapGrowthAfterWarmupMb: number;
  rssGrowthAfterWarmupMb: number;
  /** RSS once every user has connected and used the bot once. */
  rssAfterUsersMb: number;
  failedTurns: number;
  turnsPerSecond: number;
  /** Resident memory by mapping (/proc/self/smaps, Linux) right after start and after the users connected. */
  maps?: { started: MemoryMap; afterUsers: MemoryMap };
}

const MB = 1024 * 1024;
const round1 = (value: number) => Math.round(value * 10) / 10;

export async function benchMemory(options: {
  users: number;
  turns: number;
  warmupTurns: number;
  /** How the product child starts (experiments: V8 flags, environment). */
  product?: { nodeArgs?: string[]; env?: Record<string, string> };
  log?: (line: string) => void;
}): Promise<MemoryResult> {
  const keys = benchKeys(20, 'memory-key');
  const running: { stop(): Promise<void> }[] = [];
  try {
    const { sandbox, product } = await startUnthrottledStack(keys, running, options.product);
    const samples: MemorySample[] = [];
    const sample = async (label: string, turns: number) => {
      const memory = await product.call<{
        rss: number;
        heapUsed: number;
        heapTotal: number;
        external: number;
        threads: number;
      }>('memory');
      samples.push({
        label,
        turns,
        rssMb: round1(memory.rss / MB),
        heapUsedMb: round1(memory.heapUsed / MB),
        heapTotalMb: round1(memory.heapTotal / MB),
        externalMb: round1(memory.external / MB),
        threads: memory.threads,
      });
      options.log?.(
        `  ${label.padEnd(36)} RSS ${round1(memory.rss / MB)} MB  heapUsed ${round1(memory.heapUsed / MB)} MB  heapTotal ${round1(memory.heapTotal / MB)} MB  external ${round1(memory.external / MB)} MB  threads ${memory.threads}`,
      );
    };
    await sample('started', 0);
    const mapAtStart = await product.call<MemoryMap>('memoryMap').catch(() => undefined);

    const users = newUsers(options.users);
    let failed = 0;
    const turn = async (body: string) => {
      const answer = await postActivity(product.ready.baseUrl, body);
      if (answer.status !== 200) failed++;
    };
    await inParallel(users.length, 10, async (i) => {
      await connectUser(product.ready.baseUrl, users[i]!, sandbox.ready.keys[i % keys.length]!);
      await turn(messageActivity(users[i]!, 'my tasks'));
    });
    await sample(`${options.users} users connected, 1 turn each`, 0);
    const mapAfterUsers = await product.call<MemoryMap>('memoryMap').catch(() => undefined);

    // What people do most: lists, help, opening the create form.
    const mix = ['help', 'my tasks', 'projects', 'task.new', 'hello'];
    const bodyFor = (user: BenchUser, index: number) => {
      const kind = mix[index % mix.length]!;
      return kind === 'task.new'
        ? executeActivity(user, 'task.new', { name: `Memory ${index}` })
        : messageActivity(user, kind);
    };
    const step = 1_000;
    const started = performance.now();
    for (let done = 0; done < options.turns; done += step) {
      await inParallel(step, 10, async (i) => {
        const index = done + i;
        const user = users[index % users.length]!;
        await turn(bodyFor(user, index));
      });
      await sample(done + step === options.warmupTurns ? 'after warm-up' : `${done + step} turns`, done + step);
    }
    const seconds = (performance.now() - started) / 1000;
    const warm = samples.find((s) => s.turns === options.warmupTurns)!;
    const last = samples.at(-1)!;
    return {
      users: options.users,
      keys: keys.length,
      turns: options.turns,
      turnMix: mix,
      samples,
      heapGrowthAfterWarmupMb: round1(last.heapUsedMb - warm.heapUsedMb),
      rssGrowthAfterWarmupMb: round1(last.rssMb - warm.rssMb),
      rssAfterUsersMb: samples[1]!.rssMb,
      failedTurns: failed,
      turnsPerSecond: Math.round(options.turns / seconds),
      ...(mapAtStart && mapAfterUsers ? { maps: { started: mapAtStart, afterUsers: mapAfterUsers } } : {}),
    };
  } finally {
    await stopAll(running);
  }
}
