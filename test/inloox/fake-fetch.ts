/** A scripted fetch for unit tests of the InLoox client: records every request and answers from a script. */

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
  redirect?: RequestRedirect;
}

export type Answer = Response | Error | ((request: RecordedRequest) => Response | Error);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function empty(status = 204, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

/** An error shaped like undici's network failures (TypeError: fetch failed, cause.code). */
export function networkError(code: string): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
}

export function timeoutError(): Error {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

export function fakeFetch(answers: Answer[] | ((request: RecordedRequest) => Response | Error)) {
  const requests: RecordedRequest[] = [];
  const queue = Array.isArray(answers) ? [...answers] : undefined;
  const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      url,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      redirect: init.redirect,
    };
    requests.push(request);
    let answer: Answer | undefined;
    if (queue) {
      answer = queue.shift();
      if (!answer) throw new Error(`unexpected request ${request.method} ${url.href}`);
    } else {
      answer = (answers as (request: RecordedRequest) => Response | Error)(request);
    }
    const result = typeof answer === 'function' ? answer(request) : answer;
    if (result instanceof Error) throw result;
    return result;
  }) as typeof fetch;
  return { fetch: fetchImpl, requests };
}

export const FIXTURE_IDS = {
  project: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  task: '9b2d6c1e-0f4a-4b7e-8a51-6f1c2d3e4f50',
};

/** The entities scripted answers are built from; the contract suite checks the sandbox answers in these shapes. */
export const fixtures = {
  task: (overrides: Record<string, unknown> = {}) => ({
    TaskItemId: FIXTURE_IDS.task,
    Name: 'Write report',
    ProjectId: FIXTURE_IDS.project,
    IsDone: false,
    WorkAmount: 2,
    ...overrides,
  }),
  project: (overrides: Record<string, unknown> = {}) => ({
    ProjectId: FIXTURE_IDS.project,
    Name: 'Website relaunch',
    Number: '2025-001',
    Priority: 1,
    ...overrides,
  }),
};
