import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSandbox } from '../../sandbox/server';
import { startSandbox, type Collection, type Harness, type ODataErrorBody } from './helpers';

describe('throttling', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSandbox({ keys: ['k1', 'k2'], seed: false, rateLimit: { calls: 5, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 429 with Retry-After once a key used its budget, per key', async () => {
    for (let i = 0; i < 5; i++) expect((await h.call('Project', { key: 'k1' })).status).toBe(200);
    const limited = await h.json<ODataErrorBody>('Project', { key: 'k1' });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.error.code).toBe('TooManyRequests');
    expect((await h.call('Project', { key: 'k2' })).status).toBe(200);
    expect((await h.call('Project', { key: 'unknown' })).status).toBe(401);
    h.sandbox.resetRateLimit();
    expect((await h.call('Project', { key: 'k1' })).status).toBe(200);
  });

  it('frees the budget when the window passes, not a millisecond earlier', async () => {
    const s = await startSandbox({ keys: ['k'], seed: false, rateLimit: { calls: 2, windowMs: 2000 } });
    // Only the clock the budget reads is fake; sockets and timers of the HTTP round trips stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const start = Date.now();
      expect((await s.call('Project')).status).toBe(200);
      expect((await s.call('Project')).status).toBe(200);
      const limited = await s.call('Project');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('2');
      vi.setSystemTime(start + 1999);
      const stillLimited = await s.call('Project');
      expect(stillLimited.status).toBe(429);
      expect(stillLimited.headers.get('retry-after')).toBe('1');
      vi.setSystemTime(start + 2000);
      expect((await s.call('Project')).status).toBe(200);
    } finally {
      vi.useRealTimers();
      await s.close();
    }
  });
});

describe('fault injection', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSandbox({ keys: ['faults'], seed: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('fails the next N matching requests with a status, then recovers', async () => {
    h.sandbox.faults.add({ method: 'GET', path: 'Project*', status: 503, times: 2 });
    const first = await h.json<ODataErrorBody>('Project');
    expect(first.status).toBe(503);
    expect(first.body.error.message).toMatch(/503/);
    expect((await h.call('Contact')).status).toBe(200);
    expect((await h.call('Project', { method: 'POST', json: { Name: 'p' } })).status).toBe(201);
    expect((await h.call(`${h.running.selfHostedBaseUrl}Project`)).status).toBe(503);
    expect((await h.call('Project')).status).toBe(200);
    expect(h.sandbox.faults.list()).toEqual([]);
  });

  it('sends custom status, headers and body', async () => {
    h.sandbox.faults.add({ path: /UserInfo/, status: 429, headers: { 'Retry-After': '7' }, times: 1 });
    const response = await h.call('UserInfo/Me()');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('drops the connection', async () => {
    h.sandbox.faults.add({ path: 'Contact', drop: true, times: 1 });
    await expect(h.call('Contact')).rejects.toThrow();
    expect((await h.call('Contact')).status).toBe(200);
    const dropped = h.sandbox.requestLog.entries().filter((e) => e.url.endsWith('/Contact'));
    expect(dropped.map((e) => e.status)).toEqual(expect.arrayContaining([0, 200]));
  });

  it('never answers (the client must time out), until the sandbox closes', async () => {
    h.sandbox.faults.add({ path: 'Task', timeout: 'never', times: 1 });
    const controller = new AbortController();
    const pending = h.call('Task', { signal: controller.signal });
    const outcome = await Promise.race([
      pending.then(() => 'answered'),
      new Promise((r) => setTimeout(() => r('waiting'), 300)),
    ]);
    expect(outcome).toBe('waiting');
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('answers after a delay, and adds latency', async () => {
    h.sandbox.faults.add({ path: 'Task', timeout: 150, times: 1 });
    const started = Date.now();
    expect((await h.call('Task')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    h.sandbox.faults.add({ path: 'Task', latencyMs: 100, status: 500, times: 1 });
    const slowFail = Date.now();
    expect((await h.call('Task')).status).toBe(500);
    expect(Date.now() - slowFail).toBeGreaterThanOrEqual(90);
  });

  it('sends malformed JSON', async () => {
    h.sandbox.faults.add({ path: 'Project', malformedJson: true, times: 1 });
    const response = await h.call('Project');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/json/);
    await expect(response.json()).rejects.toThrow();
  });

  it('applies "always" rules until cleared', async () => {
    h.sandbox.faults.add({ path: '/api/odata/Contact*', status: 500 });
    for (let i = 0; i < 3; i++) expect((await h.call('Contact')).status).toBe(500);
    h.sandbox.faults.clear();
    expect((await h.call('Contact')).status).toBe(200);
  });

  it('is controlled over the loopback admin endpoint', async () => {
    const admin = `http://127.0.0.1:${h.running.port}/_sandbox/faults`;
    const added = await fetch(admin, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'PATCH', pathRegex: '^/api/(v1/)?odata/Task', status: 502, times: 1 }),
    });
    expect(added.status).toBe(201);
    const rule = (await added.json()) as { id: number; path: string };
    expect(new RegExp(rule.path).test('/api/v1/odata/Task(1)')).toBe(true);
    const listed = (await (await fetch(admin)).json()) as { value: unknown[] };
    expect(listed.value).toHaveLength(1);
    const bad = await fetch(admin, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 42 }),
    });
    expect(bad.status).toBe(400);
    const patched = await h.call(`${h.running.selfHostedBaseUrl}Task(00000000-0000-0000-0000-000000000001)`, {
      method: 'PATCH',
      json: { Name: 'x' },
    });
    expect(patched.status).toBe(502);
    h.sandbox.faults.add({ status: 500 });
    expect((await fetch(admin, { method: 'DELETE' })).status).toBe(204);
    const cleared = await fetch(admin, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect(h.sandbox.faults.list()).toEqual([]);
  });

  it('logs every request raw, with status and account', async () => {
    h.sandbox.requestLog.clear();
    await h.call('Project?$top=1&$filter=Priority%20eq%201');
    await h.call('Project', { key: 'wrong' });
    const entries = h.sandbox.requestLog.entries();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      method: 'GET',
      url: '/api/odata/Project?$top=1&$filter=Priority%20eq%201',
      status: 200,
      accountId: h.sandbox.accounts[0]!.accountId,
    });
    expect(entries[1]).toMatchObject({ status: 401 });
    expect(entries[1]!.accountId).toBeUndefined();
    const admin = `http://127.0.0.1:${h.running.port}/_sandbox/requests`;
    const listed = (await (await fetch(admin)).json()) as { value: Array<{ url: string }> };
    expect(listed.value.map((e) => e.url)).toEqual([
      '/api/odata/Project?$top=1&$filter=Priority%20eq%201',
      '/api/odata/Project',
    ]);
    expect((await fetch(admin, { method: 'DELETE' })).status).toBe(204);
    expect(h.sandbox.requestLog.entries()).toEqual([]);
  });
});

describe('persistence', () => {
  it('keeps accounts and data in SQLite across restarts, seeding only once', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-persist-'));
    try {
      const first = createSandbox({ dataDir, keys: ['persist-key'], rateLimit: false, shape: 'odata' });
      const running = await first.listen(0);
      const account = first.accounts[0]!;
      const created = await fetch(`${running.baseUrl}Project`, {
        method: 'POST',
        headers: { 'x-api-key': 'persist-key', 'content-type': 'application/json' },
        body: JSON.stringify({ Name: 'Survives restarts' }),
      });
      expect(created.status).toBe(201);
      await running.close();
      await first.close();
      expect(existsSync(path.join(dataDir, 'sandbox.sqlite'))).toBe(true);

      const second = createSandbox({ dataDir, keys: ['persist-key'], rateLimit: false, shape: 'odata' });
      const again = await second.listen(0);
      expect(second.accounts[0]).toEqual(account);
      const response = await fetch(
        `${again.baseUrl}Project?$filter=${encodeURIComponent("startswith(Name,'')")}&$count=true`,
        {
          headers: { 'x-api-key': 'persist-key' },
        },
      );
      const body = (await response.json()) as Collection;
      expect(body.value.map((p) => p.Name)).toContain('Survives restarts');
      // Four demo projects, the locked one, two project requests and the one created here.
      expect(body['@odata.count']).toBe(8);
      await again.close();
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('deletes its temporary database on close', async () => {
    const sandbox = createSandbox({ keys: ['temp'], seed: false });
    const data = sandbox.data('temp');
    data.create('Project', { Name: 'temp' });
    const dbFile = (data as unknown as { store: { file: string } }).store.file;
    expect(existsSync(dbFile)).toBe(true);
    await sandbox.close();
    expect(existsSync(dbFile)).toBe(false);
  });

  it('removes the temporary database at process exit even when close() was forgotten', () => {
    const script =
      "import { createSandbox } from './sandbox/server.ts';" +
      "const s = createSandbox({ keys: ['k'], seed: false }); console.log(s.data('k').store.file);";
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const file = output.trim().split('\n').pop()!;
    expect(file).toMatch(/inloox-sandbox-.*sandbox\.sqlite$/);
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it('rejects keys with spaces or commas, no keys, and a meaningless rate limit', () => {
    expect(() => createSandbox({ keys: ['a b'] })).toThrow(/spaces or commas/);
    expect(() => createSandbox({ keys: ['a,b'] })).toThrow(/spaces or commas/);
    expect(() => createSandbox({ keys: [] })).toThrow(/at least one/);
    expect(() => createSandbox({ keys: ['k'], rateLimit: { calls: 0, windowMs: 1000 } })).toThrow(/rateLimit/);
  });
});
