/**
 * InLoox calls per user action, counted in the sandbox's request log while the real app (bot over HTTP, add-in API
 * over HTTP) performs the action once. Used by the benchmark report and by test/bench/calls-per-action.test.ts.
 */
import { startAddinHarness, DEV } from '../test/addin/harness';
import { startBotHarness } from '../test/bot/harness';
import type { SandboxRequest } from '../sandbox/server';

export interface ActionCalls {
  action: string;
  surface: 'Teams bot' | 'Outlook add-in';
  /** InLoox requests the action made. */
  calls: number;
  /** The fewest requests the InLoox API allows for what the action shows or writes. */
  minimum: number;
  why: string;
  /** "GET Project?$top=…" lines, for the report. */
  requests: string[];
}

/**
 * The budget per action. The test fails when an action makes more calls than this; each entry says why that many
 * is the least the API allows.
 */
export const CALL_BUDGET: Record<string, { minimum: number; why: string }> = {
  connect: { minimum: 1, why: 'UserInfo/Me() validates the key and names the person' },
  'list projects': { minimum: 1, why: 'one Project page ($top, $count)' },
  'open create form': {
    minimum: 2,
    why: 'the first project choices and the first contact choices (two entity sets, no batch endpoint)',
  },
  'typeahead keystroke': { minimum: 1, why: 'one filtered Project page' },
  'create task': {
    minimum: 2,
    why: 'POST Task (returns the task) + the project name for the task card (TaskItem has no project name)',
  },
  'my tasks': { minimum: 1, why: 'one filtered Task page' },
  'email to task': { minimum: 1, why: 'POST Task; the description is composed and sanitized on our server' },
};

function describe(entry: SandboxRequest): string {
  const url = entry.url.replace(/^\/api\/(v1\/)?odata\//, '');
  return `${entry.method} ${decodeURIComponent(url)} → ${entry.status}`;
}

function apiEntries(entries: SandboxRequest[]): SandboxRequest[] {
  return entries.filter((entry) => !entry.url.startsWith('/_sandbox'));
}

/** Runs every action once against fresh harnesses and returns the counted calls. */
export async function measureCallsPerAction(): Promise<ActionCalls[]> {
  const results: ActionCalls[] = [];
  const record = (action: string, surface: ActionCalls['surface'], entries: SandboxRequest[]) => {
    const api = apiEntries(entries);
    const budget = CALL_BUDGET[action]!;
    results.push({
      action,
      surface,
      calls: api.length,
      minimum: budget.minimum,
      why: budget.why,
      requests: api.map(describe),
    });
  };

  const bot = await startBotHarness();
  try {
    const user = bot.newUser('Bench User');
    const account = bot.sandbox.accounts.find((a) => a.apiKey === 'demo-key-ben') ?? bot.sandbox.accounts[0]!;
    const log = bot.sandbox.requestLog;
    log.clear();
    const connected = await bot.connect(user, account.apiKey);
    if ((connected as { statusCode?: number }).statusCode !== 200) throw new Error('connect failed');
    record('connect', 'Teams bot', log.entries());

    log.clear();
    await bot.message('projects', { user });
    record('list projects', 'Teams bot', log.entries());

    log.clear();
    await bot.message('my tasks', { user });
    record('my tasks', 'Teams bot', log.entries());

    log.clear();
    await bot.execute('task.new', { name: 'Bench task' }, { user });
    record('open create form', 'Teams bot', log.entries());

    log.clear();
    const search = await bot.invoke(
      'application/search',
      { dataset: 'projects', queryText: 'Web', queryOptions: { skip: 0, top: 15 } },
      { user },
    );
    if (search.status !== 200) throw new Error(`typeahead answered ${search.status}`);
    record('typeahead keystroke', 'Teams bot', log.entries());

    const inloox = await bot.connections.apiFor(user);
    const project = (await inloox.listProjects({ top: 1 })).items[0]!;
    const contact = (await inloox.listContacts({ top: 1 })).items[0]!;
    log.clear();
    await bot.execute(
      'task.create',
      {
        name: 'Bench task',
        projectId: project.ProjectId,
        start: '2026-04-01',
        end: '2026-04-03',
        effort: '2',
        assigneeId: contact.ContactId,
        description: 'Created by the calls-per-action benchmark',
      },
      { user },
    );
    record('create task', 'Teams bot', log.entries());
  } finally {
    await bot.close();
  }

  const addin = await startAddinHarness();
  try {
    await addin.services.connections.connect(DEV, addin.apiKey);
    const project = (await addin.inlooxApi.listProjects({ top: 1 })).items[0]!;
    addin.sandbox.requestLog.clear();
    const created = await addin.call('POST', '/addin/api/tasks', {
      body: {
        name: 'Follow up on the offer',
        projectId: project.ProjectId,
        startDateTime: '2026-04-01T06:00:00.000Z',
        endDateTime: '2026-04-01T15:00:00.000Z',
        workAmount: 1,
        descriptionHtml: '<p>Hello,</p><p>please send the updated offer.</p>',
      },
    });
    if (created.status !== 200) throw new Error(`email to task answered ${created.status}: ${created.text}`);
    record('email to task', 'Outlook add-in', addin.sandbox.requestLog.entries());
  } finally {
    await addin.close();
  }
  return results;
}
