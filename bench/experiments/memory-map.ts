/**
 * Experiment, not part of `npm run bench`: the memory section, shorter (1,000 users, 1,000 turns), printing where
 * the product's resident memory is by mapping. BENCH_NODE_ARGS (space-separated) and BENCH_PRODUCT_ENV
 * (k=v,k=v) change how the product child starts, to compare V8 flags or malloc settings.
 * Run: npx tsx bench/experiments/memory-map.ts
 */
import { benchMemory } from '../memory';

const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean);
const env = Object.fromEntries(
  (process.env.BENCH_PRODUCT_ENV ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
);
const result = await benchMemory({
  users: 1000,
  turns: 1000,
  warmupTurns: 1000,
  product: { ...(nodeArgs ? { nodeArgs } : {}), env },
  log: (line) => console.log(line),
});
for (const [when, map] of Object.entries(result.maps ?? {})) {
  console.log(`\n${when}: ${map.totalRssMb} MB, ${map.arenas} thread arenas, V8 ${JSON.stringify(map.v8)}`);
  for (const [group, mb] of Object.entries(map.groups))
    if (mb >= 0.5) console.log(`  ${String(mb).padStart(7)}  ${group}`);
}
process.exit(0);
