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
