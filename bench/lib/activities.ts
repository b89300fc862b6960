/** Bot Framework activities as Teams sends them (personal chat), for load generation. */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';

export interface BenchUser {
  tenantId: string;
  objectId: string;
}

/** Never called: replies travel in the HTTP response (expectReplies) or as invoke responses. */
export const SERVICE_URL = 'http://127.0.0.1:9/';

export function newUsers(count: number): BenchUser[] {
  return Array.from({ length: count }, () => ({ tenantId: randomUUID(), objectId: randomUUID() }));
}

function base(user: BenchUser, type: string, fields: Record<string, unknown>, expectReplies: boolean) {
  return {
    type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    locale: 'en-US',
    localTimezone: 'Europe/Berlin',
    from: { id: `29:${user.objectId}`, name: 'Bench User', aadObjectId: user.objectId },
    recipient: { id: '28:inloox-bot', name: 'InLoox' },
    conversation: { id: `a:${user.objectId}`, conversationType: 'personal', tenantId: user.tenantId },
    channelData: { tenant: { id: user.tenantId } },
    ...(expectReplies ? { deliveryMode: 'expectReplies' } : {}),
    ...fields,
  };
}

/** A chat message, answered in the HTTP response (deliveryMode expectReplies). */
export function messageActivity(user: BenchUser, text: string): string {
  return JSON.stringify(base(user, 'message', { text }, true));
}

/** A card's Action.Execute (adaptiveCard/action invoke); the new card is the invoke response. */
export function executeActivity(user: BenchUser, verb: string, data: Record<string, unknown>): string {
  return JSON.stringify(
    base(
      user,
      'invoke',
      { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } },
      false,
    ),
  );
}

export function createTaskData(projectId: string, name: string): Record<string, unknown> {
  return {
    name,
    projectId,
    start: '2026-04-01',
    end: '2026-04-03',
    effort: '2',
    description: 'Created by the benchmark',
  };
}

export interface TurnResult {
  status: number;
  body: string;
}

export async function postActivity(baseUrl: string, body: string): Promise<TurnResult> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** Connects a user through the connect card, as a person would; throws unless the connected card came back. */
export async function connectUser(baseUrl: string, user: BenchUser, apiKey: string): Promise<void> {
  const answer = await postActivity(baseUrl, executeActivity(user, 'connect.submit', { apiKey }));
  if (answer.status !== 200 || !answer.body.includes('"statusCode":200') || answer.body.includes('did not accept'))
    throw new Error(`connect answered ${answer.status}: ${answer.body.slice(0, 300)}`);
}

/** The first project of an account, read straight from the sandbox. */
export async function firstProjectId(sandboxBaseUrl: string, apiKey: string): Promise<string> {
  const response = await fetch(`${sandboxBaseUrl}Project?$top=1&$select=ProjectId`, {
    headers: { 'x-api-key': apiKey },
  });
  const body = (await response.json()) as { value: { ProjectId: string }[] };
  return body.value[0]!.ProjectId;
}

/** Runs `count` tasks with at most `parallel` at a time. */
export async function inParallel(count: number, parallel: number, task: (index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}

/**
 * Posts activities over connections opened beforehand (one per activity), so requests leave in the order they are
 * fired: no request waits for a new TCP connection while a later one reuses an idle one.
 */
export async function openConnections(baseUrl: string, count: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: count, scheduling: 'fifo' });
  const url = new URL(baseUrl);
  const send = (method: string, path: string, body?: string) =>
    new Promise<TurnResult>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(Array.from({ length: count }, () => send('GET', '/healthz')));
  return {
    post: (body: string) => send('POST', '/api/messages', body),
    close: () => agent.destroy(),
  };
}
