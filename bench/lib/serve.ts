import { readFileSync } from 'node:fs';
/** The child side of lib/child.ts: announce readiness, answer commands, exit cleanly on request. */
type Handler = (args: unknown) => unknown | Promise<unknown>;

export function serveCommands(ready: unknown, handlers: Record<string, Handler>, onExit: () => Promise<void>): void {
  process.on('message', (message: { id?: number; cmd: string; args?: unknown }) => {
    if (message.cmd === 'exit') {
      void onExit().finally(() => process.exit(0));
      return;
    }
    const handler = handlers[message.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.cmd}`);
        return handler(message.args);
      })
      .then(
        (result) => process.send!({ id: message.id, result }),
        (error: Error) => process.send!({ id: message.id, error: error.message }),
      );
  });
  process.on('disconnect', () => void onExit().finally(() => process.exit(0)));
  process.send!({ ready });
}

/** RSS and heap after two full collections (the child runs with --expose-gc), and the process's thread count. */
export function measuredMemory(): {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  threads: number;
} {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the process with --expose-gc');
  gc();
  gc();
  const usage = process.memoryUsage();
  let threads = 0;
  try {
    threads = Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  } catch {
    // not Linux
  }
  return { rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, threads };
}
