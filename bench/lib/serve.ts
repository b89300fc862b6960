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

/** RSS and heap after two full collections (the child runs with --expose-gc). */
export function measuredMemory(): { rss: number; heapUsed: number; external: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the process with --expose-gc');
  gc();
  gc();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external };
}
