/**
 * An HTTP proxy in front of the InLoox sandbox that can carry a request out and then lose the answer (the socket is
 * destroyed after InLoox has done the work): the case where a retried create would create a duplicate.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoseAnswerRule {
  method: string;
  path: RegExp;
  times: number;
}

export interface AnswerLosingProxy {
  /** The proxy's OData base URL (same path as the target's). */
  baseUrl: string;
  /** Where requests go; set once the sandbox listens. */
  target: string;
  loseAnswers(rule: LoseAnswerRule): void;
  /** How many answers were lost so far. */
  lost(): number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startAnswerLosingProxy(): Promise<AnswerLosingProxy> {
  const rules: LoseAnswerRule[] = [];
  let lostCount = 0;
  const proxy: AnswerLosingProxy = {
    baseUrl: '',
    target: '',
    loseAnswers: (rule) => void rules.push({ ...rule }),
    lost: () => lostCount,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const targetUrl = new URL(req.url ?? '/', new URL(proxy.target).origin);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers[name] = value;
      }
      const answer = await fetch(targetUrl, {
        method: req.method,
        headers,
        body: body.length ? new Uint8Array(body) : undefined,
        redirect: 'manual',
      });
      const text = Buffer.from(await answer.arrayBuffer());
      const path = (req.url ?? '').split('?')[0]!;
      const rule = rules.find((r) => r.times > 0 && r.method === req.method && r.path.test(path));
      if (rule) {
        rule.times -= 1;
        lostCount += 1;
        req.socket.destroy();
        return;
      }
      const outgoing: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(name))
          outgoing[name] = value;
      });
      res.writeHead(answer.status, outgoing).end(text);
    } catch {
      req.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/odata/`;
  return proxy;
}
