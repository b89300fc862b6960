import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, startTabHarness, type TabHarness } from './harness';

const ROOT = path.resolve(import.meta.dirname, '../..');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('tab server API', () => {
  let h: TabHarness;
  let apiKey: string;

  beforeAll(async () => {
    h = await startTabHarness();
    apiKey = h.sandbox.accounts[0]!.apiKey;
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    h.sandbox.faults.clear();
    await h.services.connections.disconnect(ALICE);
  });

  const connectAlice = () => h.services.connections.connect(ALICE, apiKey);
  const openTasksInSandbox = () => {
    const account = h.sandbox.accounts[0]!;
    return h.sandbox
      .data(account.apiKey)
      .list('Task')
      .filter((task) => task.ContactId === account.contactId && task.IsDone !== true);
  };

  describe('requires an identity on every route but /boot', () => {
    const routes: [string, string][] = [
      ['GET', '/tab/api/connection'],
      ['POST', '/tab/api/connection'],
      ['POST', '/tab/api/connection/test'],
      ['DELETE', '/tab/api/connection'],
      ['GET', '/tab/api/tasks'],
      ['POST', '/tab/api/tasks/3fa85f64-5717-4562-b3fc-2c963f66afa6/done'],
      ['POST', '/tab/api/tasks/3fa85f64-5717-4562-b3fc-2c963f66afa6/reopen'],
      ['GET', '/tab/api/projects'],
    ];
    it.each(routes)('%s %s without a token is 401 with a typed error', async (method, url) => {
      const response = await h.call(method, url, { body: method === 'GET' ? undefined : {} });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthenticated');
      expect(response.body.error.message).toMatch(/sign-in/i);
    });
    it.each(routes)('%s %s with a foreign token is 401 (German message)', async (method, url) => {
      const response = await h.call(method, url, {
        token: 'mallory',
        locale: 'de-DE',
        body: method === 'GET' ? undefined : {},
      });
      expect(response.status).toBe(401);
      expect(response.body.error.message).toMatch(/Anmeldung/);
    });
    it('does not touch InLoox or the store when unauthenticated', async () => {
      h.sandbox.requestLog.clear();
      await h.call('POST', '/tab/api/connection', { body: { apiKey } });
      expect(await h.services.connections.status(ALICE)).toBeUndefined();
      expect(h.sandbox.requestLog.entries()).toHaveLength(0);
    });
    it('/boot is public and tells the mode (no bot chat link without a bot registration)', async () => {
      const response = await h.call('GET', '/tab/api/boot');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ mode: 'local' });
    });
  });

  describe('connection', () => {
    it('reports "not connected" with the configured InLoox server', async () => {
      const response = await h.call('GET', '/tab/api/connection', { token: 'alice' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        connected: false,
        needsReconnect: false,
        server: new URL(h.inloox.baseUrl).host,
      });
      expect(response.body.user).toBeUndefined();
    });

    it('connects with a valid key, shows the InLoox user, and never echoes the key', async () => {
      const response = await h.call('POST', '/tab/api/connection', {
        token: 'alice',
        body: { apiKey: `  ${apiKey} ` },
      });
      expect(response.status).toBe(200);
      expect(response.body.connected).toBe(true);
      expect(response.body.user.displayName).toBe(h.sandbox.accounts[0]!.displayName);
      expect(response.body.user.contactId).toBe(h.sandbox.accounts[0]!.contactId);
      expect(JSON.stringify(response.body)).not.toContain(apiKey);

      const status = await h.call('GET', '/tab/api/connection', { token: 'alice' });
      expect(status.body.connected).toBe(true);
      expect(status.body.user.email).toBe(h.sandbox.accounts[0]!.email);
      // The connection belongs to Alice only.
      expect((await h.call('GET', '/tab/api/connection', { token: 'bob' })).body.connected).toBe(false);
    });

    it.each([
      ['no apiKey', {}],
      ['empty key', { apiKey: '   ' }],
      ['not a string', { apiKey: 42 }],
      ['inner whitespace', { apiKey: 'abc def' }],
      ['far too long', { apiKey: 'x'.repeat(600) }],
    ])('rejects %s with 400 on the apiKey field and stores nothing', async (_name, body) => {
      h.sandbox.requestLog.clear();
      const response = await h.call('POST', '/tab/api/connection', { token: 'alice', body, locale: 'en' });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'invalid_request', field: 'apiKey' });
      expect(response.body.error.message).toMatch(/token/i);
      expect(h.sandbox.requestLog.entries()).toHaveLength(0);
      expect(await h.services.connections.status(ALICE)).toBeUndefined();
    });

    it('refuses writes that are not JSON (415) or come from another site (403)', async () => {
      await connectAlice();
      const form = await fetch(`${h.baseUrl}/tab/api/connection`, {
        method: 'POST',
        headers: { Authorization: 'Bearer alice', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `apiKey=${apiKey}`,
      });
      expect(form.status).toBe(415);
      expect(((await form.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
      const crossSite = await fetch(`${h.baseUrl}/tab/api/connection`, {
        method: 'DELETE',
        headers: { Authorization: 'Bearer alice', Origin: 'https://evil.example' },
      });
      expect(crossSite.status).toBe(403);
      expect(await h.services.connections.status(ALICE)).toBeDefined();
    });

    it('rejects malformed JSON with a typed 400', async () => {
      const response = await h.call('POST', '/tab/api/connection', { token: 'alice', rawBody: '{"apiKey":' });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
    });

    it('rejects a key InLoox does not know as a field error in German, storing nothing', async () => {
      const response = await h.call('POST', '/tab/api/connection', {
        token: 'alice',
        body: { apiKey: 'not-a-real-key' },
        locale: 'de-DE,de;q=0.9',
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'invalid_key', field: 'apiKey' });
      expect(response.body.error.message).toMatch(/Zugriffstoken/);
      expect(JSON.stringify(response.body)).not.toContain('not-a-real-key');
      expect(await h.services.connections.status(ALICE)).toBeUndefined();
    });

    it('tests the stored connection against InLoox', async () => {
      await connectAlice();
      h.sandbox.requestLog.clear();
      const response = await h.call('POST', '/tab/api/connection/test', { token: 'alice', body: {} });
      expect(response.status).toBe(200);
      expect(response.body.connected).toBe(true);
      expect(h.sandbox.requestLog.entries().some((entry) => entry.url.includes('Project'))).toBe(true);
    });

    it('test without a connection is 409 not_connected', async () => {
      const response = await h.call('POST', '/tab/api/connection/test', { token: 'alice', body: {} });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('not_connected');
    });

    it('a key InLoox stops accepting turns into needs_reconnect, visible in the status', async () => {
      await connectAlice();
      h.sandbox.faults.add({ path: 'Project*', status: 401 });
      const response = await h.call('POST', '/tab/api/connection/test', { token: 'alice', body: {} });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('needs_reconnect');
      h.sandbox.faults.clear();
      const status = await h.call('GET', '/tab/api/connection', { token: 'alice' });
      expect(status.body).toMatchObject({ connected: false, needsReconnect: true });
    });

    it('disconnects (and says so when there was nothing to remove)', async () => {
      await connectAlice();
      const first = await h.call('DELETE', '/tab/api/connection', { token: 'alice' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ connected: false, removed: true });
      expect(await h.services.connections.status(ALICE)).toBeUndefined();
      const second = await h.call('DELETE', '/tab/api/connection', { token: 'alice' });
      expect(second.body.removed).toBe(false);
    });
  });

  describe('tasks', () => {
    it('is 409 not_connected before connecting', async () => {
      const response = await h.call('GET', '/tab/api/tasks', { token: 'alice', locale: 'de' });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('not_connected');
      expect(response.body.error.message).toMatch(/nicht mit InLoox verbunden/);
    });

    it('lists exactly my open tasks from InLoox, with project names and InLoox links', async () => {
      await connectAlice();
      h.sandbox.requestLog.clear();
      const response = await h.call('GET', '/tab/api/tasks', { token: 'alice' });
      expect(response.status).toBe(200);
      const projectReads = h.sandbox.requestLog
        .entries()
        .filter((e) => e.method === 'GET' && /\/Project[(?]/.test(e.url))
        .map((e) => decodeURIComponent(e.url));
      expect(projectReads).toHaveLength(1);
      expect(projectReads[0]).toContain('$select=ProjectId,Name,Number');
      const expected = openTasksInSandbox();
      expect(expected.length).toBeGreaterThan(0);
      expect(response.body.tasks.map((t: { id: string }) => t.id).sort()).toEqual(
        expected.map((t) => String(t.TaskItemId)).sort(),
      );
      const projects = new Map(
        h.sandbox
          .data(apiKey)
          .list('Project')
          .map((p) => [p.ProjectId, p.Name]),
      );
      for (const task of response.body.tasks) {
        const source = expected.find((t) => t.TaskItemId === task.id)!;
        expect(task.name).toBe(source.Name);
        expect(task.done).toBe(false);
        expect(task.projectName).toBe(source.ProjectId ? projects.get(source.ProjectId) : null);
        expect(task.link).toMatch(new RegExp(`/task/${task.id}$`));
      }
      expect(response.body.more).toBe(false);
    });

    it('marks a task done and reopens it in InLoox', async () => {
      await connectAlice();
      const task = openTasksInSandbox()[0]!;
      const id = String(task.TaskItemId);
      const done = await h.call('POST', `/tab/api/tasks/${id}/done`, { token: 'alice', body: {} });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ id, done: true, name: task.Name });
      expect(h.sandbox.data(apiKey).rawOne('Task', id)?.IsDone).toBe(true);
      const listed = await h.call('GET', '/tab/api/tasks', { token: 'alice' });
      expect(listed.body.tasks.some((t: { id: string }) => t.id === id)).toBe(false);

      const reopened = await h.call('POST', `/tab/api/tasks/${id}/reopen`, { token: 'alice', body: {} });
      expect(reopened.status).toBe(200);
      expect(reopened.body.done).toBe(false);
      expect(h.sandbox.data(apiKey).rawOne('Task', id)?.IsDone).toBe(false);
    });

    it('rejects a task id that is not a GUID before calling InLoox', async () => {
      await connectAlice();
      h.sandbox.requestLog.clear();
      const response = await h.call('POST', '/tab/api/tasks/1%20or%201=1/done', { token: 'alice', body: {} });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'invalid_request', field: 'taskId' });
      expect(h.sandbox.requestLog.entries()).toHaveLength(0);
    });

    it('answers 404 not_found for a task InLoox does not have', async () => {
      await connectAlice();
      const response = await h.call('POST', '/tab/api/tasks/3fa85f64-5717-4562-b3fc-2c963f66afa6/done', {
        token: 'alice',
        body: {},
      });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    });

    it('maps InLoox being down to 502 with a message in the user language', async () => {
      await connectAlice();
      h.sandbox.faults.add({ path: 'Task*', status: 503 });
      const response = await h.call('GET', '/tab/api/tasks', { token: 'alice', locale: 'de-DE' });
      expect(response.status).toBe(502);
      expect(response.body.error.code).toBe('inloox_unavailable');
      expect(response.body.error.message).toMatch(/nicht erreichbar/);
      expect(JSON.stringify(response.body)).not.toMatch(/stack|at \w+ \(/);
    });
  });

  describe('projects', () => {
    it('lists projects with status and progress as InLoox reports them', async () => {
      await connectAlice();
      const response = await h.call('GET', '/tab/api/projects', { token: 'alice' });
      expect(response.status).toBe(200);
      const source = h.sandbox.data(apiKey).list('Project');
      expect(response.body.projects).toHaveLength(source.length);
      for (const project of response.body.projects) {
        expect(project.id).toMatch(GUID);
        const row = source.find((p) => p.ProjectId === project.id)!;
        expect(project.name).toBe(row.Name);
        expect(project.progress).toBe(row.PercentComplete);
        expect(project.link).toMatch(new RegExp(`/project/${project.id}$`));
      }
    });

    it('is 409 not_connected before connecting', async () => {
      const response = await h.call('GET', '/tab/api/projects', { token: 'alice' });
      expect(response.status).toBe(409);
    });
  });

  it('answers unknown API routes with a typed 404', async () => {
    const response = await h.call('GET', '/tab/api/nothing-here', { token: 'alice' });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('route_not_found');
  });
});

describe('tab page', () => {
  let local: TabHarness;
  let production: TabHarness;
  beforeAll(async () => {
    local = await startTabHarness();
    production = await startTabHarness({
      env: {
        MicrosoftAppId: '00000000-0000-4000-8000-0000000000b0',
        KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
    });
  });
  afterAll(async () => {
    await local?.close();
    await production?.close();
  });

  it('serves the page with a CSP that lets Teams (and itself, in local mode) frame it', async () => {
    const response = await local.call('GET', '/tab/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.body).toContain('<script src="./tab.js" defer></script>');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(
      /frame-ancestors 'self' https:\/\/teams\.microsoft\.com https:\/\/\*\.teams\.microsoft\.com https:\/\/\*\.office\.com https:\/\/\*\.cloud\.microsoft/,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it('in production only Teams hosts may frame the tab, and /boot links to the bot chat', async () => {
    const response = await production.call('GET', '/tab/');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/frame-ancestors https:\/\/teams\.microsoft\.com/);
    expect(csp).not.toMatch(/frame-ancestors[^;]*'self'/);
    const boot = await production.call('GET', '/tab/api/boot');
    expect(boot.body).toEqual({
      mode: 'production',
      botChatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:00000000-0000-4000-8000-0000000000b0',
    });
  });

  it('lets the page connect to itself and to exactly the origin list teams-js fetches, nothing else', async () => {
    const source = readFileSync(
      path.join(ROOT, 'node_modules/@microsoft/teams-js/dist/esm/packages/teams-js/src/internal/constants.js'),
      'utf8',
    );
    const fetched = [...source.matchAll(/new URL\("(https:[^"]+)"\)/g)].map((m) => m[1]);
    expect(fetched).toEqual(['https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json']);
    for (const harness of [local, production]) {
      const csp = (await harness.call('GET', '/tab/')).headers.get('content-security-policy')!;
      const connect = csp
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .find(([name]) => name === 'connect-src');
      expect(connect).toEqual(['connect-src', "'self'", ...fetched]);
    }
  });

  it('serves the bundle and stylesheet with the same headers', async () => {
    const script = await local.call('GET', '/tab/tab.js');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.body).toBe('window.__tabTest = 1;');
    expect(script.headers.get('content-security-policy')).toBeTruthy();
    const style = await local.call('GET', '/tab/tab.css');
    expect(style.headers.get('content-type')).toMatch(/text\/css/);
  });
});
