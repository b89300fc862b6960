/**
 * Experiment, not part of `npm run bench`: the product as it is vs the same product with each Adaptive Card
 * template prepared once (BENCH_CACHE_TEMPLATES=1 in the product child), next to the echo bot, in one run.
 * Shows what caching the template in shared/cards/render.ts would give. Run: npx tsx bench/experiments/cached-templates.ts
 */
import { startChild } from '../lib/child';
import { connectUser, inParallel, messageActivity, newUsers } from '../lib/activities';
import { runLoad } from '../lib/load';
import { benchKeys, startProduct, startSandbox, stopAll, type ServerReady } from '../lib/stack';

const durationS = Number(process.env.BENCH_DURATION_S ?? 5);
const sandbox = await startSandbox(benchKeys(4), 'off');
const raised = { calls: 1_000_000, windowS: 60 };
const asIs = await startProduct({ inlooxBaseUrl: sandbox.ready.baseUrl, rateLimit: raised });
const cached = await startProduct({
  inlooxBaseUrl: sandbox.ready.baseUrl,
  rateLimit: raised,
  env: { BENCH_CACHE_TEMPLATES: '1' },
});
const echo = await startChild<ServerReady>('echo-bot.ts');
try {
  const users = newUsers(40);
  for (const product of [asIs, cached])
    await inParallel(users.length, 8, (i) => connectUser(product.ready.baseUrl, users[i]!, sandbox.ready.keys[i % 4]!));
  for (const text of ['help', 'my tasks']) {
    const bodies = users.map((u) => messageActivity(u, text));
    for (const connections of [1, 10]) {
      const targets = text === 'help' ? { echo, asIs, cached } : { asIs, cached };
      for (const [name, server] of Object.entries(targets)) {
        const r = await runLoad({
          url: `${server.ready.baseUrl}/api/messages`,
          bodies,
          connections,
          durationS,
          warmupS: 1,
        });
        console.log(
          `${text.padEnd(9)} c=${String(connections).padStart(2)} ${name.padEnd(7)} ${String(r.rps).padStart(7)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  non2xx ${r.non2xx}`,
        );
      }
    }
  }
} finally {
  await stopAll([sandbox, asIs, cached, echo]);
}
