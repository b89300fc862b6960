import { createSandbox, type RunningSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

export interface Harness {
  sandbox: Sandbox;
  running: RunningSandbox;
  /** fetch relative to the Cloud base URL with the given key (default: the first account's). */
  call(path: string, init?: RequestInit & { key?: string | null; json?: unknown }): Promise<Response>;
  /** call() and parse the JSON body. */
  json<T = Record<string, unknown>>(
    path: string,
    init?: RequestInit & { key?: string | null; json?: unknown },
  ): Promise<{ status: number; body: T; response: Response }>;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = createSandbox({ rateLimit: false, shape: 'odata', ...options });
  const running = await sandbox.listen(0);
  const call: Harness['call'] = (path, init = {}) => {
    const { key, json, headers, ...rest } = init;
    const h = new Headers(headers);
    const apiKey = key === undefined ? sandbox.accounts[0]!.apiKey : key;
    if (apiKey !== null) h.set('x-api-key', apiKey);
    let body = rest.body;
    if (json !== undefined) {
      h.set('content-type', 'application/json');
      body = JSON.stringify(json);
    }
    const url = /^https?:/.test(path) ? path : `${running.baseUrl}${path}`;
    return fetch(url, { ...rest, headers: h, body });
  };
  return {
    sandbox,
    running,
    call,
    async json(path, init) {
      const response = await call(path, init);
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as never, response };
    },
    async close() {
      await running.close();
      await sandbox.close();
    },
  };
}

export interface ODataErrorBody {
  error: { code: string; message: string };
}

export interface Collection<T = Record<string, unknown>> {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: T[];
}
