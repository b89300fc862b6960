/**
 * Sanitizing off the event loop: jobs run in a small pool of worker threads with a time limit per job, so one
 * huge or hostile HTML costs at most that long on one thread while the server keeps answering everyone else.
 * Node only (not exported from index.ts, which also bundles for the browser).
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Locale } from '../i18n';
import type { ComposeOptions, ComposedDescription, EmailForDescription } from './email-description';
import { HtmlLimitError, type HtmlLimitCode, type HtmlSource } from './limits';
import { STARTED, type SanitizeJob, type SanitizeOutcome, type SanitizedTeamsMessage } from './worker-task';

export type { SanitizedTeamsMessage };

export interface HtmlSanitizerOptions {
  /** Worker threads (default 2, or 1 on a single core). */
  threads?: number;
  /** Longest a job may run once started (default 10 s): longer is "too complex". */
  timeLimitMs?: number;
  /** Jobs waiting for a thread beyond this are refused as "busy" (default 50). */
  maxQueue?: number;
  /** Longest a job may wait for a thread (default 30 s): longer is "busy". */
  queueTimeoutMs?: number;
  /** Heap of one worker (default 512 MB): running out is "too complex". */
  memoryLimitMb?: number;
}

export interface HtmlSanitizer {
  composeEmailDescription(input: EmailForDescription, options: ComposeOptions): Promise<ComposedDescription>;
  /** A client's description HTML as stored (allow-list pass again, capped at maxBytes). */
  storedDescription(html: string, locale: Locale, maxBytes: number): Promise<string>;
  /** A Teams message as description HTML, and its readable text (at most maxTextLength characters). */
  teamsMessage(html: string, locale: Locale, maxTextLength: number): Promise<SanitizedTeamsMessage>;
  close(): Promise<void>;
}

/** Set by scripts/start.mjs when it bundles the server: the worker bundled alike (no TypeScript loader in it). */
declare const __SANITIZE_WORKER__: string | undefined;

/** The worker thread's module: the bundled one in `npm start`'s server, else worker.mjs (TypeScript through tsx). */
export function sanitizerWorkerFile(): string {
  return typeof __SANITIZE_WORKER__ === 'string' ? __SANITIZE_WORKER__ : new URL('./worker.mjs', import.meta.url).href;
}

export function createHtmlSanitizer(options: HtmlSanitizerOptions = {}): HtmlSanitizer {
  const threads = options.threads ?? Math.min(2, availableParallelism());
  const timeLimitMs = options.timeLimitMs ?? 10_000;
  const queueTimeoutMs = options.queueTimeoutMs ?? 30_000;
  // Started on the first job, not with the server: most processes never sanitize (only the add-in's mail routes
  // and "create task from message" do), and an idle worker thread holds its own V8 heap. It ends again after a
  // minute without work.
  const onStart = new Map<number, () => void>();
  let pool: Piscina | undefined;
  const started = () => {
    if (pool) return pool;
    pool = new Piscina({
      filename: sanitizerWorkerFile(),
      minThreads: 0,
      maxThreads: threads,
      maxQueue: options.maxQueue ?? 50,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryLimitMb ?? 512 },
    });
    pool.on('message', (message: Record<string, unknown> | null) => {
      const id = message?.[STARTED];
      if (typeof id === 'number') onStart.get(id)?.();
    });
    return pool;
  };
  let nextId = 0;

  async function run<T>(job: SanitizeJob, source: HtmlSource): Promise<T> {
    const id = ++nextId;
    const controller = new AbortController();
    let stopped: HtmlLimitCode | undefined;
    const stopAfter = (ms: number, code: HtmlLimitCode) =>
      setTimeout(() => {
        stopped = code;
        controller.abort();
      }, ms).unref();
    let timer = stopAfter(queueTimeoutMs, 'busy');
    onStart.set(id, () => {
      clearTimeout(timer);
      timer = stopAfter(timeLimitMs, 'too_complex');
    });
    try {
      const outcome = (await started().run({ ...job, id }, { signal: controller.signal })) as SanitizeOutcome;
      if (!outcome.ok) throw new HtmlLimitError(outcome.code, source);
      return outcome.value as T;
    } catch (error) {
      if (error instanceof HtmlLimitError) throw error;
      if (stopped) throw new HtmlLimitError(stopped, source);
      const { message, code } = (error ?? {}) as { message?: string; code?: string };
      if (message === 'Task queue is at limit') throw new HtmlLimitError('busy', source);
      if (code === 'ERR_WORKER_OUT_OF_MEMORY') throw new HtmlLimitError('too_complex', source);
      throw error;
    } finally {
      clearTimeout(timer);
      onStart.delete(id);
    }
  }

  return {
    composeEmailDescription: (input, composeOptions) => run({ kind: 'email', input, options: composeOptions }, 'email'),
    storedDescription: (html, locale, maxBytes) => run({ kind: 'stored', html, locale, maxBytes }, 'description'),
    teamsMessage: (html, locale, maxTextLength) => run({ kind: 'teams', html, locale, maxTextLength }, 'message'),
    close: async () => {
      await pool?.destroy();
    },
  };
}

let shared: HtmlSanitizer | undefined;

/** The process's sanitizer pool, started on first use. */
export function sharedHtmlSanitizer(): HtmlSanitizer {
  shared ??= createHtmlSanitizer();
  return shared;
}
