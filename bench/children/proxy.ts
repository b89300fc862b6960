/** A tiny round-robin HTTP proxy on loopback (node:http only): BENCH_UPSTREAMS = comma-separated base URLs. */
import { Agent, createServer, request } from 'node:http';
import { serveCommands } from '../lib/serve';

const upstreams = (process.env.BENCH_UPSTREAMS ?? '').split(',').map((url) => new URL(url));
if (upstreams.length === 0 || !upstreams[0]!.host) throw new Error('BENCH_UPSTREAMS is required');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const served = upstreams.map(() => 0);
let next = 0;

function withoutHopByHop<T extends Record<string, unknown>>(headers: T): T {
  for (const name of ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'])
    delete headers[name];
  return headers;
}

const server = createServer((req, res) => {
  const index = next;
  next = (next + 1) % upstreams.length;
  served[index]!++;
  const target = upstreams[index]!;
  const upstream = request(
    {
      agent,
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: withoutHopByHop({ ...req.headers, host: target.host }),
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, withoutHopByHop({ ...answer.headers }));
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('bad gateway');
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serveCommands({ baseUrl: `http://127.0.0.1:${port}` }, { served: () => [...served] }, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    agent.destroy();
  });
});
