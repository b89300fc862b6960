/**
 * Where a process's resident memory is, from /proc/self/smaps (Linux): each mapping's Rss, grouped by what it
 * is. File mappings are named by their file (node itself, each native addon, shared libraries); anonymous ones
 * cannot be named by the kernel, so they are told apart by shape: glibc's per-thread malloc arenas are reserved
 * as 64 MB-aligned 64 MB regions (used part read-write, the rest PROT_NONE), thread stacks are read-write regions
 * right after a one-page guard, the main arena is `[heap]`. What remains is V8's heap and code pages, its
 * zone memory and other mmap'ed allocations; `v8` below tells how much of that V8 itself says it has committed.
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';

export interface MemoryMap {
  totalRssMb: number;
  /** Rss in MB per group, largest first. */
  groups: Record<string, number>;
  /** Count of glibc malloc arenas besides the main one (one per thread that ever allocated, up to 8 × cores). */
  arenas: number;
  v8: { heapCommittedMb: number; codeSpaceMb: number; mallocedMb: number; peakMallocedMb: number };
}

interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  path: string;
  rssKb: number;
}

const MB = 1024;
const ARENA = 64n * 1024n * 1024n;
const round1 = (kb: number) => Math.round((kb / MB) * 10) / 10;

function parse(text: string): Mapping[] {
  const mappings: Mapping[] = [];
  let current: Mapping | undefined;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      current = {
        start: BigInt(`0x${head[1]}`),
        end: BigInt(`0x${head[2]}`),
        perms: head[3]!,
        path: head[4]!.trim(),
        rssKb: 0,
      };
      mappings.push(current);
    } else if (current && line.startsWith('Rss:')) current.rssKb = Number(/\d+/.exec(line)?.[0] ?? 0);
  }
  return mappings;
}

function fileGroup(file: string): string {
  const base = file.split('/').at(-1)!;
  if (file.endsWith('.node')) return `addon ${base}`;
  if (/\/node$|\/nodejs$/.test(file)) return 'node binary';
  if (/^lib(c|m|stdc\+\+|gcc_s|pthread|dl|rt)[.-]/.test(base) || base.startsWith('ld-linux')) return 'system libraries';
  if (file.startsWith('[')) return file;
  return `file ${base}`;
}

export function memoryMap(smaps = readFileSync('/proc/self/smaps', 'utf8')): MemoryMap {
  const mappings = parse(smaps);
  const groups = new Map<string, number>();
  const add = (group: string, kb: number) => groups.set(group, (groups.get(group) ?? 0) + kb);
  let arenas = 0;
  for (let i = 0; i < mappings.length; i++) {
    const m = mappings[i]!;
    if (m.path) {
      add(m.path === '[heap]' ? 'malloc main arena [heap]' : fileGroup(m.path), m.rssKb);
      continue;
    }
    // glibc arena: a 64 MB-aligned start, read-write, the rest of the 64 MB reserved (---p) right after it.
    const next = mappings[i + 1];
    if (m.start % ARENA === 0n && m.perms.startsWith('rw') && next && !next.path && next.start === m.end) {
      if (next.perms.startsWith('---') && next.end - m.start === ARENA) {
        arenas++;
        add('malloc thread arenas', m.rssKb);
        i++;
        continue;
      }
    }
    const prev = mappings[i - 1];
    const size = m.end - m.start;
    if (
      prev &&
      !prev.path &&
      prev.perms.startsWith('---') &&
      prev.end === m.start &&
      prev.end - prev.start === 4096n &&
      m.perms.startsWith('rw') &&
      size >= 64n * 1024n &&
      size <= 16n * 1024n * 1024n
    ) {
      add('thread stacks', m.rssKb);
      continue;
    }
    // V8 reserves its pages at random hints far below the mmap area (0x7f…), 256 KB-aligned.
    const v8Page = m.start < 0x7e0000000000n && m.start % (256n * 1024n) === 0n;
    if (m.perms.includes('x')) add('anonymous executable (V8 code)', m.rssKb);
    else add(v8Page ? 'V8 heap pages' : 'other anonymous (malloc mmap, V8 zones)', m.rssKb);
  }
  const spaces = v8.getHeapSpaceStatistics();
  const heap = v8.getHeapStatistics();
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  return {
    totalRssMb: round1(total),
    groups: Object.fromEntries(
      [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([group, kb]) => [group, round1(kb)] as const),
    ),
    arenas,
    v8: {
      heapCommittedMb: round1(heap.total_physical_size / 1024),
      codeSpaceMb: round1(
        spaces.filter((s) => s.space_name.startsWith('code')).reduce((sum, s) => sum + s.physical_space_size / 1024, 0),
      ),
      mallocedMb: round1(heap.malloced_memory / 1024),
      peakMallocedMb: round1(heap.peak_malloced_memory / 1024),
    },
  };
}
