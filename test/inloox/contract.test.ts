/** The one InLooxApi contract (contract.ts), run against the real client over the sandbox and against each fake. */
import { randomUUID } from 'node:crypto';
import { createSandbox } from '../../sandbox/server';
import { InLooxClient } from '../../shared/inloox/client';
import { MemoryInLoox } from '../helpers/memory-inloox';
import type { InLooxApi } from '../../shared/inloox/api';
import { inlooxContract } from './contract';

/** The demo data's comment by a colleague (Jonas Weber) on the first demo project. */
async function seededForeignNote(api: InLooxApi): Promise<{ projectId: string; noteId: string }> {
  const me = (await api.me()).ContactId.toLowerCase();
  const project = (await api.findProject('Website Relaunch'))!;
  const notes = await api.listProjectNotes(project.ProjectId, { top: 50 });
  const note = notes.items.find((n) => n.CreatedByContactId?.toLowerCase() !== me)!;
  return { projectId: project.ProjectId, noteId: note.ProjectNoteId };
}

/** The demo data's two open project requests, which the account's user reviews. */
async function seededRequests(api: InLooxApi): Promise<string[]> {
  return (await api.listProjectRequests()).items.map((p) => p.ProjectId).slice(0, 2);
}

inlooxContract('InLooxClient over the sandbox', async () => {
  const sandbox = createSandbox({ rateLimit: false });
  const running = await sandbox.listen(0, '127.0.0.1');
  const api = new InLooxClient({ baseUrl: running.baseUrl, apiKey: sandbox.accounts[0]!.apiKey });
  return {
    api,
    requests: () => seededRequests(api),
    foreignNote: () => seededForeignNote(api),
    close: () => sandbox.close(),
  };
});

inlooxContract('InLooxClient over the connector-shaped sandbox', async () => {
  const sandbox = createSandbox({ rateLimit: false, shape: 'connector' });
  const running = await sandbox.listen(0, '127.0.0.1');
  const api = new InLooxClient({ baseUrl: running.baseUrl, apiKey: sandbox.accounts[0]!.apiKey });
  return {
    api,
    requests: () => seededRequests(api),
    foreignNote: () => seededForeignNote(api),
    close: () => sandbox.close(),
  };
});

inlooxContract('MemoryInLoox (in-memory fake)', async () => {
  const contact = (DisplayName: string, Email: string) => ({ ContactId: randomUUID(), DisplayName, Email });
  const api = new MemoryInLoox({ ContactId: randomUUID(), DisplayName: 'Max Mustermann', Email: 'max@example.com' }, [
    contact('Sophie Müller', 'sophie.mueller@example.de'),
    contact('Olivia Smith', 'olivia@example.com'),
  ]);
  for (const name of ['Marketing', 'IT', 'Intern']) api.addCategory(name);
  return {
    api,
    requests: async () => [api.addRequest('Request one').ProjectId, api.addRequest('Request two').ProjectId],
    foreignNote: async () => {
      const project = await api.createProject({ Name: 'Someone else commented' });
      const sophie = [...api.contacts.values()].find((c) => c.DisplayName === 'Sophie Müller')!;
      const noteId = randomUUID();
      api.notes.push({
        target: 'Project',
        id: project.ProjectId,
        html: '<p>Mine</p>',
        notify: [],
        noteId,
        author: sophie.ContactId.toLowerCase(),
        created: 0,
      });
      return { projectId: project.ProjectId, noteId };
    },
  };
});
