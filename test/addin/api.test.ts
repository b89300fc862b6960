/** The add-in's server API and pages against the real sandbox, key store and connection service. */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddinAssets } from '../../addin/build';
import { looksLikePlainText } from '../../addin/server/api';
import { ALICE, DEV, startAddinHarness, testIdentify, type AddinHarness } from './harness';
import { LIMITS } from '../../shared/domain/limits';

const GUID = '0b6f3c1e-5d2a-4c1b-8e7f-9a0b1c2d3e4f';

let h: AddinHarness;
let projectId: string;

beforeAll(async () => {
  h = await startAddinHarness({ identify: testIdentify });
  projectId = (await h.inlooxApi.listProjects({ top: 1 })).items[0]!.ProjectId;
});
afterAll(async () => {
  await h?.close();
});

function email(overrides: Record<string, unknown> = {}) {
  return {
    subject: 'RE: Budget',
    from: { name: 'Anna', email: 'anna@contoso.example' },
    to: [{ name: 'Ben', email: 'ben@contoso.example' }],
    cc: [],
    date: '2025-04-08T09:12:00.000Z',
    bodyHtml: '<p>Hello <b>team</b></p>',
    ...overrides,
  };
}

function createBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'From the API test',
    projectId,
    startDateTime: '2025-04-08T06:00:00.000Z',
    endDateTime: '2025-04-15T15:00:00.000Z',
    workAmount: 4,
    descriptionHtml: '<p>desc</p>',
    ...overrides,
  };
}

describe('add-in API: connection', () => {
  it('connects with a validated key, never echoes it, and shares the connection with other clients', async () => {
    await h.services.connections.disconnect(DEV);
    const before = await h.call('GET', '/addin/api/me');
    expect(before.body).toEqual({ connected: false, needsReconnect: false, mode: 'local' });

    const wrong = await h.call('POST', '/addin/api/connect', { body: { apiKey: 'wrong-key-123' }, locale: 'de' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'invalid_key', field: 'apiKey' });
    expect(wrong.body.error.message).toContain('nicht akzeptiert');
    expect(wrong.text).not.toContain('wrong-key-123');

    const empty = await h.call('POST', '/addin/api/connect', { body: { apiKey: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe('apiKey');

    const ok = await h.call('POST', '/addin/api/connect', { body: { apiKey: h.apiKey } });
    expect(ok.status).toBe(200);
    expect(ok.body.connected).toBe(true);
    expect(ok.body.user.displayName).toBe(h.sandbox.accounts[0]!.displayName);
    expect(ok.text).not.toContain(h.apiKey);
    // The same identity is connected for every client (the connection service is the one store).
    expect((await h.services.connections.status(DEV))?.inlooxContactId).toBe(ok.body.user.contactId);
  });

  it('disconnects', async () => {
    await h.services.connections.connect(ALICE, h.apiKey);
    const off = await h.call('POST', '/addin/api/disconnect', { token: 'alice', body: {} });
    expect(off.body.connected).toBe(false);
    expect(await h.services.connections.status(ALICE)).toBeUndefined();
  });

  it('answers a person without a connection with a typed error in their language', async () => {
    const response = await h.call('GET', '/addin/api/projects?q=a', { token: 'alice', locale: 'de-DE' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('not_connected');
    expect(response.body.error.message).toContain('nicht mit InLoox verbunden');
  });

  it('refuses unknown callers and foreign writes', async () => {
    const stranger = await h.call('GET', '/addin/api/me', { token: 'mallory' });
    expect(stranger.status).toBe(401);
    expect(stranger.body.error.code).toBe('unauthenticated');
    const form = await fetch(`${h.baseUrl}/addin/api/connect`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ apiKey: h.apiKey }),
    });
    expect(form.status).toBe(415);
    const crossSite = await fetch(`${h.baseUrl}/addin/api/disconnect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    const unknown = await h.call('GET', '/addin/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('route_not_found');
  });
});

describe('add-in API: search', () => {
  beforeAll(async () => {
    if (!(await h.services.connections.status(DEV))) await h.services.connections.connect(DEV, h.apiKey);
  });

  it('finds projects by typed text, at most 15', async () => {
    const all = await h.call('GET', '/addin/api/projects');
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items.length).toBeLessThanOrEqual(15);
    const target = all.body.items[0];
    const found = await h.call('GET', `/addin/api/projects?q=${encodeURIComponent(target.name.slice(0, 5))}`);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(target.id);
    const none = await h.call('GET', `/addin/api/projects?q=${encodeURIComponent("zz' or 1 eq 1 zz")}`);
    expect(none.body.items).toEqual([]);
    const long = await h.call('GET', `/addin/api/projects?q=${'x'.repeat(LIMITS.search + 1)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.field).toBe('q');
  });

  it('finds contacts and open tasks with their project names', async () => {
    const contacts = await h.call('GET', '/addin/api/contacts?q=');
    expect(contacts.body.items.length).toBeGreaterThan(0);
    expect(contacts.body.items[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      email: expect.anything(),
    });
    const tasks = await h.call('GET', '/addin/api/tasks');
    expect(tasks.body.items.length).toBeGreaterThan(0);
    expect(tasks.body.items.length).toBeLessThanOrEqual(15);
    const withProject = tasks.body.items.find((t: { projectId: string | null }) => t.projectId);
    const project = await h.inlooxApi.getProject(withProject.projectId);
    expect(withProject.projectName).toBe(project.Name);
  });

  it('names the project of every listed task, with one Task page and one project-name lookup', async () => {
    h.sandbox.requestLog.clear();
    const tasks = await h.call('GET', '/addin/api/tasks');
    const calls = h.sandbox.requestLog.entries().map((e) => `${e.method} ${decodeURIComponent(e.url)}`);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(/^GET \/api\/odata\/Task\?/);
    expect(calls[1]).toMatch(/^GET \/api\/odata\/Project\?\$filter=.*&\$select=ProjectId,Name,Number/);
    const names = new Map(
      h.sandbox
        .data(h.apiKey)
        .list('Project')
        .map((p) => [p.ProjectId, p.Name]),
    );
    const withProject = tasks.body.items.filter((t: { projectId: string | null }) => t.projectId);
    expect(new Set(withProject.map((t: { projectId: string }) => t.projectId)).size).toBeGreaterThan(1);
    for (const task of withProject) expect(task.projectName).toBe(names.get(task.projectId));
  });
});

describe('add-in API: preview, create, note', () => {
  beforeAll(async () => {
    if (!(await h.services.connections.status(DEV))) await h.services.connections.connect(DEV, h.apiKey);
  });

  it('composes the description with the shared sanitizer, in the user language', async () => {
    const response = await h.call('POST', '/addin/api/preview', {
      locale: 'de',
      body: {
        email: email({ bodyHtml: '<p onclick="x()">Hallo <b>Team</b><script>alert(1)</script></p>' }),
        trimQuoted: true,
        timeZone: 'Europe/Berlin',
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.truncated).toBe(false);
    expect(response.body.html).toContain('<strong>Von:</strong> Anna');
    expect(response.body.html).toContain('<strong>Betreff:</strong> RE: Budget');
    expect(response.body.html).toContain('11:12'); // 09:12 UTC in Berlin (summer time)
    expect(response.body.html).toContain('Hallo <b>Team</b>');
    expect(response.body.html).not.toMatch(/script|onclick/);
  });

  it('reads plain-text mails as text so their quoted history can be left out', async () => {
    const bodyText = 'Thanks!\n\n-----Original Message-----\nFrom: IT\nSubject: x\n\n> old text';
    const bodyHtml = `<html><body><div>${bodyText.replace(/\n/g, '<br>').replace(/>/g, '&gt;')}</div></body></html>`;
    expect(looksLikePlainText(bodyHtml)).toBe(true);
    expect(looksLikePlainText('<p>Hi <b>there</b></p>')).toBe(false);
    const trimmed = await h.call('POST', '/addin/api/preview', {
      body: { email: email({ bodyHtml, bodyText }), trimQuoted: true },
    });
    expect(trimmed.body.html).toContain('Thanks!');
    expect(trimmed.body.html).not.toContain('old text');
  });

  it('validates the email it is given', async () => {
    const missing = await h.call('POST', '/addin/api/preview', { body: { trimQuoted: true } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('email');
    const broken = await h.call('POST', '/addin/api/preview', { rawBody: '{"email": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_request');
    const huge = await h.call('POST', '/addin/api/preview', {
      locale: 'de',
      body: { email: email({ bodyHtml: 'x'.repeat(7_000_000) }), trimQuoted: true },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toEqual({ code: 'too_large', message: expect.stringContaining('zu groß') });
    const overLimit = await h.call('POST', '/addin/api/preview', {
      body: { email: email({ bodyHtml: 'x'.repeat(2_000_001) }), trimQuoted: true },
    });
    expect(overLimit.status).toBe(400);
    expect(overLimit.body.error.field).toBe('bodyHtml');
  });

  it('creates the task and stores the description sanitized again, whatever the page sent', async () => {
    const response = await h.call('POST', '/addin/api/tasks', {
      body: createBody({
        name: '  Hostile description  ',
        descriptionHtml:
          '<p>Keep <i>this</i></p><img src=x onerror="alert(1)"><a href="javascript:alert(1)">x</a><iframe src="https://e.example"></iframe><script>1</script>',
      }),
    });
    expect(response.status).toBe(200);
    expect(response.body.task.name).toBe('Hostile description');
    expect(response.body.link).toContain(`/task/${response.body.task.id.toLowerCase()}`);
    const task = await h.inlooxApi.getTask(response.body.task.id);
    expect(task.Name).toBe('Hostile description');
    expect(task.ProjectId?.toLowerCase()).toBe(projectId.toLowerCase());
    expect(task.WorkAmount).toBe(4);
    expect(new Date(task.StartDateTime!).toISOString()).toBe('2025-04-08T06:00:00.000Z');
    expect(new Date(task.EndDateTime!).toISOString()).toBe('2025-04-15T15:00:00.000Z');
    expect(task.DescriptionHTML).toContain('<p>Keep <i>this</i></p>');
    expect(task.DescriptionHTML).not.toMatch(/onerror|javascript:|<iframe|<script/);
  });

  it('rejects invalid ids, dates and amounts with field and message', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ projectId: 'not-a-guid' }, 'projectId'],
      [{ name: '' }, 'name'],
      [{ name: 'n'.repeat(256) }, 'name'],
      [{ startDateTime: '2025-04-08' }, 'startDateTime'],
      [{ endDateTime: '2025-04-01T00:00:00Z' }, 'endDateTime'],
      [{ workAmount: -1 }, 'workAmount'],
      [{ workAmount: 'four' }, 'workAmount'],
      [{ assigneeId: 'me' }, 'assigneeId'],
    ];
    for (const [override, field] of cases) {
      const response = await h.call('POST', '/addin/api/tasks', { body: createBody(override), locale: 'de' });
      expect(response.status, field).toBe(400);
      expect(response.body.error.field, JSON.stringify(override)).toBe(field);
      const english = await h.call('POST', '/addin/api/tasks', { body: createBody(override), locale: 'en' });
      expect(english.body.error.field).toBe(field);
      expect(response.body.error.message).not.toBe(english.body.error.message);
    }
    const before = await h.call('POST', '/addin/api/tasks', {
      body: createBody({ endDateTime: '2025-04-01T00:00:00Z' }),
    });
    expect(before.body.error.message).toBe('The end cannot be before the start.');
  });

  it('maps InLoox failures to plain-language errors', async () => {
    const missing = await h.call('POST', '/addin/api/tasks', { body: createBody({ projectId: GUID }) });
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.body.error.message).not.toMatch(/stack|Error:|at /);
    const fault = h.sandbox.faults.add({ method: 'POST', path: 'Task*', status: 503, times: 10 });
    try {
      const down = await h.call('POST', '/addin/api/tasks', { body: createBody(), locale: 'de' });
      expect(down.status).toBe(502);
      expect(down.body.error).toMatchObject({ code: 'inloox_unavailable' });
      expect(down.body.error.message).toContain('nicht erreichbar');
    } finally {
      h.sandbox.faults.remove(fault.id);
    }
  });

  it('adds a note to a task, sanitized', async () => {
    const task = (await h.inlooxApi.listTasks({ top: 1 })).items[0]!;
    const bad = await h.call('POST', '/addin/api/tasks/123/notes', { body: { html: '<p>x</p>' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('taskId');
    const empty = await h.call('POST', `/addin/api/tasks/${task.TaskItemId}/notes`, { body: { html: '' } });
    expect(empty.status).toBe(400);
    const ok = await h.call('POST', `/addin/api/tasks/${task.TaskItemId}/notes`, {
      body: { html: '<p>Note from <b>mail</b><img src=x onerror=alert(1)></p>' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.taskId).toBe(task.TaskItemId.toLowerCase());
    const stored = JSON.stringify(
      h.sandbox
        .data(h.apiKey)
        .raw('TaskNote')
        .filter((n) => String(n.TaskItemId).toLowerCase() === task.TaskItemId.toLowerCase()),
    );
    expect(stored).toContain('Note from <b>mail</b>');
    expect(stored).not.toContain('onerror');
  });
});

describe('add-in pages', () => {
  it('serves the task pane with a strict CSP; the Office.js stub only when the local host page asks', async () => {
    const page = await fetch(`${h.baseUrl}/addin/taskpane.html`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/outlook\.office\.com/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(html).not.toContain('office-stub');
    expect(html).not.toMatch(/<script>(?!<)/);
    const local = await (await fetch(`${h.baseUrl}/addin/taskpane.html?officeStub=1`)).text();
    expect(local).toContain('/addin/office-stub.js');
    expect(local).not.toContain('appsforoffice');
    expect((await fetch(`${h.baseUrl}/addin/office-stub.js`)).status).toBe(200);
    expect((await fetch(`${h.baseUrl}/addin/commands.html`)).status).toBe(200);
    const host = await fetch(`${h.baseUrl}/dev/outlook`);
    expect(host.status).toBe(200);
    expect(host.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const mails = (await (await fetch(`${h.baseUrl}/dev/outlook/mails.json`)).json()) as { mails: { kind: string }[] };
    expect(mails.mails.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['Rich HTML newsletter', 'Reply chain', 'Plain text', 'Inline image', 'Hostile HTML']),
    );
  });

  it('serves bundles with content types and caching by hash', async () => {
    const js = await fetch(`${h.baseUrl}/addin/taskpane.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const etag = js.headers.get('etag')!;
    const again = await fetch(`${h.baseUrl}/addin/taskpane.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const css = await fetch(`${h.baseUrl}/addin/taskpane.css?v=${etag.replace(/"/g, '')}`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${h.baseUrl}/addin/build.ts`)).status).toBe(404);
  });

  it('keeps the task pane small', async () => {
    const assets = await buildAddinAssets();
    console.log(`task pane bundle: ${assets.taskpaneGzipBytes} bytes gzip (JS+CSS), built in ${assets.buildMs} ms`);
    expect(assets.taskpaneGzipBytes).toBeGreaterThan(1000);
    expect(assets.taskpaneGzipBytes).toBeLessThan(40 * 1024);
  });
});

describe('add-in in production mode', () => {
  let prod: AddinHarness;
  beforeAll(async () => {
    prod = await startAddinHarness({
      env: {
        MicrosoftAppId: '5e1f6f3a-3b7e-4c1e-9a51-0f5f6c7d8e9f',
        KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
    });
  });
  afterAll(async () => {
    await prod?.close();
  });

  it('has no local host page, no stub, and no development identity', async () => {
    expect(prod.config.mode).toBe('production');
    expect((await fetch(`${prod.baseUrl}/dev/outlook`)).status).toBe(404);
    expect((await fetch(`${prod.baseUrl}/dev/outlook/mails.json`)).status).toBe(404);
    expect((await fetch(`${prod.baseUrl}/addin/office-stub.js`)).status).toBe(404);
    const page = await fetch(`${prod.baseUrl}/addin/taskpane.html?officeStub=1`);
    const html = await page.text();
    expect(html).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(html).not.toContain('office-stub');
    expect(page.headers.get('content-security-policy')).not.toContain("frame-ancestors 'self'");
    const me = await prod.call('GET', '/addin/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
  });
});

describe('add-in development identity', () => {
  let local: AddinHarness;
  beforeAll(async () => {
    local = await startAddinHarness();
  });
  afterAll(async () => {
    await local?.close();
  });

  function getWithHost(host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${local.baseUrl}/addin/api/me`);
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, headers: { Host: host } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('is given to direct loopback callers only', async () => {
    expect(await getWithHost(new URL(local.baseUrl).host)).toBe(200);
    expect(await getWithHost('inloox.example.com')).toBe(401);
  });
});

describe('add-in in the shared app', () => {
  it('is mounted by createApp', async () => {
    const { createApp } = await import('../../server/app');
    const app = createApp(h.services);
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
      expect((await fetch(`${base}/addin/taskpane.html`)).status).toBe(200);
      const me = await fetch(`${base}/addin/api/me`);
      expect(me.status).toBe(200);
      expect(((await me.json()) as { mode: string }).mode).toBe('local');
      expect((await fetch(`${base}/dev/outlook`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
