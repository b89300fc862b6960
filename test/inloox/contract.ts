/**
 * What every InLooxApi must do, written once and run against each implementation the tests rely on: the real client
 * over the sandbox, and the fakes (see contract.test.ts). A fake that drifts from InLoox fails here, not in the
 * tests that trust it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { requestState } from '../../shared/inloox/requests';
import { MemberRole, type Guid } from '../../shared/inloox/types';
import { customFieldContract } from './contract-custom-fields';
import { fixtures } from './fake-fetch';
import { failure } from './failure';

export interface ContractTarget {
  api: InLooxApi;
  /** Two open project requests the key's user reviews (seeded demo data, or set up in a fake). */
  requests: () => Promise<Guid[]>;
  /** A project comment written by someone else than the key's user. */
  foreignNote: () => Promise<{ projectId: Guid; noteId: Guid }>;
  close?: () => Promise<void>;
}

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Each key of the fixture exists in the real answer with a value of the same JSON type. */
function sameShape(fixture: Record<string, unknown>, actual: object) {
  const typeOf = (value: unknown) => (value === null ? 'null' : typeof value);
  const got = actual as Record<string, unknown>;
  expect(Object.fromEntries(Object.keys(fixture).map((key) => [key, typeOf(got[key])]))).toEqual(
    Object.fromEntries(Object.entries(fixture).map(([key, value]) => [key, typeOf(value)])),
  );
}

export function inlooxContract(name: string, setup: () => Promise<ContractTarget>): void {
  describe(`InLooxApi contract: ${name}`, () => {
    let target: ContractTarget;
    let api: InLooxApi;

    beforeAll(async () => {
      target = await setup();
      api = target.api;
    });
    afterAll(async () => {
      await target?.close?.();
    });

    customFieldContract(() => api);

    it('me() names the key owner, who is a contact', async () => {
      const me = await api.me();
      expect(me.ContactId).toMatch(/^[0-9a-f-]{36}$/i);
      expect((await api.getContact(me.ContactId)).ContactId.toLowerCase()).toBe(me.ContactId.toLowerCase());
    });

    it('project lifecycle: create, get, find by number and name, update, archive, delete', async () => {
      const created = await api.createProject({
        Name: 'Contract Lifecycle Project',
        StartDate: '2025-01-06T08:00:00Z',
        EndDate: '2025-03-28T17:00:00+01:00',
        Priority: 2,
      });
      expect(created).toMatchObject({ Name: 'Contract Lifecycle Project', Priority: 2 });
      const id = created.ProjectId;
      expect(created.Number).toBeTruthy();
      expect((await api.getProject(id)).Name).toBe('Contract Lifecycle Project');
      expect((await api.findProject(created.Number!))?.ProjectId).toBe(id);
      expect((await api.findProject('contract lifecycle project'))?.ProjectId).toBe(id);
      expect(await api.findProject('no project is called like this')).toBeUndefined();

      expect((await api.updateProject(id, { Name: 'Contract Lifecycle Renamed' })).Name).toBe(
        'Contract Lifecycle Renamed',
      );
      expect((await api.archiveProject(id)).IsArchived).toBe(true);
      expect((await api.listProjects()).items.some((p) => p.ProjectId === id)).toBe(false);
      expect((await api.listProjects({ includeArchived: true })).items.some((p) => p.ProjectId === id)).toBe(true);

      await api.deleteProject(id);
      expect((await failure(api.getProject(id))).kind).toBe('not_found');
    });

    it('task lifecycle: create, get, update, complete, reopen, list by project, my tasks, delete', async () => {
      const me = await api.me();
      const project = await api.createProject({ Name: 'Contract Task Project' });
      const task = await api.createTask({
        Name: 'Contract task',
        ProjectId: project.ProjectId,
        ContactId: me.ContactId,
        StartDateTime: '2030-01-01T09:00:00Z',
        EndDateTime: '2030-01-02T17:00:00Z',
        WorkAmount: 3.5,
      });
      expect(task).toMatchObject({
        Name: 'Contract task',
        ProjectId: project.ProjectId,
        IsDone: false,
        WorkAmount: 3.5,
      });
      expect((await api.getTask(task.TaskItemId)).ContactId).toBe(me.ContactId);
      expect((await api.updateTask(task.TaskItemId, { Name: 'Contract task v2' })).Name).toBe('Contract task v2');

      expect((await api.completeTask(task.TaskItemId)).IsDone).toBe(true);
      expect((await api.myTasks()).items.some((t) => t.TaskItemId === task.TaskItemId)).toBe(false);
      expect(
        (await api.listTasks({ projectId: project.ProjectId, open: false })).items.map((t) => t.TaskItemId),
      ).toEqual([task.TaskItemId]);

      expect((await api.reopenTask(task.TaskItemId)).IsDone).toBe(false);
      const mine = await api.myTasks();
      expect(mine.items.some((t) => t.TaskItemId === task.TaskItemId)).toBe(true);
      expect(mine.items.every((t) => t.ContactId === me.ContactId && !t.IsDone)).toBe(true);
      const due = mine.items.map((t) => t.EndDateTime).filter((d): d is string => !!d);
      expect(due).toEqual([...due].sort((a, b) => Date.parse(a) - Date.parse(b)));

      await api.deleteTask(task.TaskItemId);
      expect((await failure(api.getTask(task.TaskItemId))).kind).toBe('not_found');
    });

    it('lists tasks by due date, then name, with top and skip', async () => {
      const project = await api.createProject({ Name: 'Contract Paging Project' });
      for (const [name, end] of [
        ['B', '2031-02-01T10:00:00Z'],
        ['A', '2031-02-01T10:00:00Z'],
        ['C', '2031-01-01T10:00:00+02:00'],
      ] as const) {
        await api.createTask({ Name: name, ProjectId: project.ProjectId, EndDateTime: end });
      }
      const names = async (options: { top?: number; skip?: number }) =>
        (await api.listTasks({ projectId: project.ProjectId, ...options })).items.map((t) => t.Name);
      expect(await names({})).toEqual(['C', 'A', 'B']);
      expect(await names({ top: 2 })).toEqual(['C', 'A']);
      expect(await names({ skip: 2 })).toEqual(['B']);
    });

    it('getProjectNames names every known project of a set of any size, and leaves out unknown ids', async () => {
      const created = [];
      for (let i = 0; i < 30; i++) created.push(await api.createProject({ Name: `Contract Named ${i}` }));
      const ids = created.map((p) => p.ProjectId);
      const names = await api.getProjectNames([...ids, UNKNOWN, ids[0]!.toUpperCase()]);
      expect(names.size).toBe(30);
      expect(names.has(UNKNOWN)).toBe(false);
      for (const project of created) {
        expect(names.get(project.ProjectId.toLowerCase())).toEqual({
          ProjectId: project.ProjectId,
          Name: project.Name,
          Number: project.Number,
        });
      }
      expect((await api.getProjectNames([])).size).toBe(0);
      expect((await failure(api.getProjectNames(['not-a-guid']))).kind).toBe('validation');
    });

    it('getTasksByIds reads any number of tasks with their state, and leaves out unknown ids', async () => {
      const project = await api.createProject({ Name: 'Contract Tasks By Id' });
      const created = [];
      for (let i = 0; i < 27; i++)
        created.push(await api.createTask({ Name: `Contract By Id ${i}`, ProjectId: project.ProjectId }));
      await api.completeTask(created[3]!.TaskItemId);
      const ids = created.map((t) => t.TaskItemId);
      const found = await api.getTasksByIds([...ids, UNKNOWN, ids[0]!.toUpperCase()]);
      expect(found.map((t) => t.TaskItemId.toLowerCase()).sort()).toEqual(ids.map((id) => id.toLowerCase()).sort());
      const done = found.find((t) => t.TaskItemId.toLowerCase() === ids[3]!.toLowerCase())!;
      expect(done.IsDone).toBe(true);
      expect(done.Name).toBe('Contract By Id 3');
      expect(found.filter((t) => t.IsDone)).toHaveLength(1);
      expect(await api.getTasksByIds([])).toEqual([]);
      expect((await failure(api.getTasksByIds(['not-a-guid']))).kind).toBe('validation');
    });

    it("searches are plain text: O'Brien matches, an injection attempt matches nothing", async () => {
      const project = await api.createProject({ Name: "Contract O'Brien & Sons" });
      expect((await api.listProjects({ search: "o'brien & sons" })).items.map((p) => p.ProjectId)).toEqual([
        project.ProjectId,
      ]);
      expect((await api.listProjects({ search: "x') or true or ('" })).items).toEqual([]);
      expect((await api.listTasks({ search: "' or 1 eq 1 or '" })).items).toEqual([]);
    });

    it('contacts: list, search, get', async () => {
      const all = await api.listContacts();
      expect(all.items.length).toBeGreaterThan(1);
      const someone = all.items.find((c) => c.DisplayName)!;
      const found = await api.listContacts({ search: someone.DisplayName!.slice(0, 5).toUpperCase() });
      expect(found.items.map((c) => c.ContactId)).toContain(someone.ContactId);
      expect((await api.getContact(someone.ContactId)).DisplayName).toBe(someone.DisplayName);
      expect((await failure(api.getContact(UNKNOWN))).kind).toBe('not_found');
    });

    it('members: add, then listed with contact id and role', async () => {
      const me = await api.me();
      const project = await api.createProject({ Name: 'Contract Member Project' });
      const contact = (await api.listContacts()).items.find((c) => c.ContactId !== me.ContactId)!;
      await api.addMember(project.ProjectId, contact.ContactId, MemberRole.Partner);
      expect(await api.listMembers(project.ProjectId)).toContainEqual(
        expect.objectContaining({ ContactId: contact.ContactId, Role: MemberRole.Partner }),
      );
    });

    it('comments on projects and tasks; an empty comment is refused', async () => {
      const project = await api.createProject({ Name: 'Contract Note Project' });
      const task = await api.createTask({ Name: 'Contract note task', ProjectId: project.ProjectId });
      await api.addProjectNote(project.ProjectId, '<p>First</p>', [(await api.me()).ContactId]);
      await api.addTaskNote(task.TaskItemId, '<p>On the task</p>');
      const empty = await failure(api.addTaskNote(task.TaskItemId, '  '));
      expect(empty).toMatchObject({ kind: 'validation', details: expect.objectContaining({ field: 'htmlText' }) });
    });

    it('project requests: listed while open; approve and reject decide once, naming who decided', async () => {
      const me = await api.me();
      const [first, second] = await target.requests();
      const open = (await api.listProjectRequests()).items;
      expect(open.map((p) => p.ProjectId)).toEqual(expect.arrayContaining([first, second]));
      expect(open.every((p) => requestState(p) === 'open')).toBe(true);

      await api.approveProjectRequest(first!);
      const approved = await api.getProject(first!);
      expect(requestState(approved)).toBe('approved');
      expect(approved.LastChangedByName).toBe(me.DisplayName);
      await api.rejectProjectRequest(second!);
      expect(requestState(await api.getProject(second!))).toBe('rejected');
      const left = (await api.listProjectRequests()).items.map((p) => p.ProjectId);
      expect(left).not.toContain(first);
      expect(left).not.toContain(second);

      for (const again of [
        api.approveProjectRequest(first!),
        api.rejectProjectRequest(first!),
        api.approveProjectRequest(second!),
      ])
        expect((await failure(again)).kind).toBe('validation');
      const project = await api.createProject({ Name: 'Contract Not A Request' });
      expect((await failure(api.approveProjectRequest(project.ProjectId))).kind).toBe('validation');
      expect((await failure(api.rejectProjectRequest(UNKNOWN))).kind).toBe('not_found');
      expect(await failure(api.approveProjectRequest('not-a-guid'))).toMatchObject({
        kind: 'validation',
        details: expect.objectContaining({ field: 'projectId' }),
      });
    });

    it('favorites: star, listed first and alone, unstar; an unknown project is not_found', async () => {
      const older = await api.createProject({ Name: 'Contract Favorite Older' });
      await api.createProject({ Name: 'Contract Favorite Newer' });
      expect((await api.getProject(older.ProjectId)).IsFavorite).toBe(false);
      expect(await api.setFavorite(older.ProjectId, true)).toBe(true);
      expect(await api.setFavorite(older.ProjectId, true)).toBe(true);
      expect((await api.getProject(older.ProjectId)).IsFavorite).toBe(true);
      const first = await api.listProjects({ search: 'Contract Favorite', favoritesFirst: true });
      expect(first.items.map((p) => p.Name)).toEqual(['Contract Favorite Older', 'Contract Favorite Newer']);
      const newestFirst = await api.listProjects({ search: 'Contract Favorite' });
      expect(newestFirst.items.map((p) => p.Name)).toEqual(['Contract Favorite Newer', 'Contract Favorite Older']);
      const only = await api.listProjects({ search: 'Contract Favorite', favoritesOnly: true });
      expect(only.items.map((p) => p.ProjectId)).toEqual([older.ProjectId]);
      expect(await api.setFavorite(older.ProjectId, false)).toBe(false);
      expect((await api.getProject(older.ProjectId)).IsFavorite).toBe(false);
      expect((await failure(api.setFavorite(UNKNOWN, true))).kind).toBe('not_found');
      expect((await failure(api.setFavorite('not-a-guid', true))).kind).toBe('validation');
    });

    it('project comments: newest first with author and time, paged; only the author deletes', async () => {
      const me = await api.me();
      const project = await api.createProject({ Name: 'Contract Comment Project' });
      for (const text of ['one', 'two', 'three']) {
        await api.addProjectNote(project.ProjectId, `<p>${text}</p>`);
        // Creation times in milliseconds: a few apart keep the newest-first order unambiguous.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const first = await api.listProjectNotes(project.ProjectId, { top: 2 });
      expect(first.items.map((n) => n.Note)).toEqual(['three', 'two']);
      expect(first.items[0]).toMatchObject({ CreatedByContactId: me.ContactId.toLowerCase() });
      expect(Date.parse(first.items[0]!.CreateDateTime!)).toBeGreaterThanOrEqual(
        Date.parse(first.items[1]!.CreateDateTime!),
      );
      const rest = await api.listProjectNotes(project.ProjectId, { top: 2, skip: 2 });
      expect(rest.items.map((n) => n.Note)).toEqual(['one']);
      expect((await api.getContactNames([me.ContactId])).get(me.ContactId.toLowerCase())).toBe(me.DisplayName);
      expect((await api.getContactNames([UNKNOWN])).size).toBe(0);

      await api.deleteProjectNote(project.ProjectId, first.items[0]!.ProjectNoteId);
      const left = await api.listProjectNotes(project.ProjectId);
      expect(left.items.map((n) => n.Note)).toEqual(['two', 'one']);
      expect((await failure(api.deleteProjectNote(project.ProjectId, first.items[0]!.ProjectNoteId))).kind).toBe(
        'not_found',
      );
      const foreign = await target.foreignNote();
      expect((await failure(api.deleteProjectNote(foreign.projectId, foreign.noteId))).kind).toBe('forbidden');
      expect((await api.listProjectNotes(foreign.projectId, { top: 50 })).items.map((n) => n.ProjectNoteId)).toContain(
        foreign.noteId,
      );
      expect(await failure(api.deleteProjectNote(project.ProjectId, 'nope'))).toMatchObject({
        kind: 'validation',
        details: expect.objectContaining({ field: 'noteId' }),
      });
      expect((await failure(api.listProjectNotes(project.ProjectId, { top: 500 }))).kind).toBe('validation');
      expect((await api.listProjectNotes(UNKNOWN)).items).toEqual([]);
    });

    it('followers: follow and unfollow a project once each; unknown contacts are refused', async () => {
      const me = await api.me();
      const project = await api.createProject({ Name: 'Contract Follower Project' });
      expect(await api.listFollowers(project.ProjectId)).toEqual([]);
      await api.followProject(project.ProjectId, me.ContactId);
      await api.followProject(project.ProjectId, me.ContactId);
      const followers = await api.listFollowers(project.ProjectId);
      expect(followers.map((c) => c.ContactId.toLowerCase())).toEqual([me.ContactId.toLowerCase()]);
      expect(followers[0]!.DisplayName).toBe(me.DisplayName);
      await api.unfollowProject(project.ProjectId, me.ContactId);
      expect(await api.listFollowers(project.ProjectId)).toEqual([]);
      expect((await failure(api.unfollowProject(project.ProjectId, me.ContactId))).kind).toBe('not_found');
      expect((await failure(api.followProject(project.ProjectId, UNKNOWN))).kind).toBe('validation');
      expect((await failure(api.followProject(UNKNOWN, me.ContactId))).kind).toBe('not_found');
      expect(await failure(api.followProject(project.ProjectId, 'x'))).toMatchObject({
        kind: 'validation',
        details: expect.objectContaining({ field: 'contactId' }),
      });
    });

    it('project numbers: a taken number is reported, prefix and suffix change, a clash is refused', async () => {
      const a = await api.createProject({ Name: 'Contract Number A' });
      const b = await api.createProject({ Name: 'Contract Number B' });
      expect(await api.projectNumberExists(b.ProjectId, a.Number!)).toBe(true);
      expect(await api.projectNumberExists(a.ProjectId, a.Number!)).toBe(false);
      expect(await api.projectNumberExists(a.ProjectId, 'C-FREE-1')).toBe(false);
      await api.updateProjectNumber(a.ProjectId, 'CT-', '-X');
      const changed = await api.getProject(a.ProjectId);
      expect(changed.Number).toMatch(/^CT-\d+-X$/);
      expect((await api.findProject(changed.Number!))?.ProjectId).toBe(a.ProjectId);
      // A = "CZ" + A's sequence + B's sequence; B with prefix "CZ" + A's sequence would read the same.
      const [incA, incB] = [a.Number!.slice(-3), b.Number!.slice(-3)];
      await api.updateProjectNumber(a.ProjectId, 'CZ', incB);
      const clash = await failure(api.updateProjectNumber(b.ProjectId, `CZ${incA}`, ''));
      expect(clash.kind).toBe('conflict');
      const sameMiddle = (await api.getProject(b.ProjectId)).Number;
      expect(sameMiddle).toBe(b.Number);
      expect((await failure(api.updateProjectNumber(a.ProjectId, 'x'.repeat(21), ''))).details.field).toBe('prefix');
      expect((await failure(api.projectNumberExists(UNKNOWN, 'X'))).kind).toBe('not_found');
    });

    it('a new project takes the prefix and suffix it is created with; a bad one is refused before sending', async () => {
      const created = await api.createProject({
        Name: 'Contract Number New',
        NumberPrefix: 'NEW-',
        NumberSuffix: '-S',
      });
      expect(created.Number).toMatch(/^NEW-\d+-S$/);
      expect((await api.getProject(created.ProjectId)).NumberPrefix).toBe('NEW-');
      const long = await failure(api.createProject({ Name: 'Contract Number Long', NumberPrefix: 'x'.repeat(21) }));
      expect(long.kind).toBe('validation');
      expect(await api.findProject('Contract Number Long')).toBeUndefined();
    });

    it('categories: listed, replaced, changed one at a time, filtered; an unknown category is refused', async () => {
      const all = await api.listCategories();
      expect(all.length).toBeGreaterThanOrEqual(2);
      const [first, second] = all;
      const project = await api.createProject({ Name: 'Contract Category Project' });
      await api.setCategories(project.ProjectId, [first!.CategoryId, second!.CategoryId]);
      const both = (await api.getProject(project.ProjectId)).Categories!.split(', ').sort();
      expect(both).toEqual([first!.Name, second!.Name].sort());
      await api.changeCategory(project.ProjectId, first!.CategoryId, false);
      expect((await api.getProject(project.ProjectId)).Categories).toBe(second!.Name);
      await api.changeCategory(project.ProjectId, first!.CategoryId, true);
      const filtered = await api.listProjects({ category: second!.Name.toUpperCase(), search: 'Contract Category' });
      expect(filtered.items.map((p) => p.ProjectId)).toEqual([project.ProjectId]);
      const none = await api.listProjects({ category: `${second!.Name}x`, search: 'Contract Category' });
      expect(none.items).toEqual([]);
      const unknown = await failure(api.setCategories(project.ProjectId, [UNKNOWN]));
      expect(unknown.kind).toBe('validation');
      expect((await failure(api.changeCategory(project.ProjectId, UNKNOWN, true))).kind).toBe('validation');
      expect((await failure(api.setCategories(project.ProjectId, ['nope']))).kind).toBe('validation');
      expect((await api.getProject(project.ProjectId)).Categories!.split(', ')).toHaveLength(2);
    });

    it('copy: a new project named as documented, with the categories; the AI description in both languages', async () => {
      const [category] = await api.listCategories();
      const source = await api.createProject({ Name: 'Contract Copy Source', Priority: 2 });
      await api.setCategories(source.ProjectId, [category!.CategoryId]);
      const copyId = await api.copyProject(source.ProjectId);
      expect(copyId).not.toBe(source.ProjectId);
      const copy = await api.getProject(copyId);
      expect(copy.Name).toMatch(/^Contract Copy Source - (Copy|Kopie)$/);
      expect(copy).toMatchObject({ Priority: 2, Categories: category!.Name });
      expect(copy.Number).not.toBe(source.Number);
      expect((await failure(api.copyProject(UNKNOWN))).kind).toBe('not_found');
      expect(await api.generateProjectDescription(source.ProjectId, 'en')).toMatch(/Contract Copy Source/);
      expect(await api.generateProjectDescription(source.ProjectId, 'de')).toMatch(/^Das Projekt/);
    });

    it('errors: unknown ids are not_found; invalid input is validation naming the field', async () => {
      expect((await failure(api.getTask(UNKNOWN))).kind).toBe('not_found');
      expect((await failure(api.getProject(UNKNOWN))).kind).toBe('not_found');
      expect((await failure(api.deleteTask(UNKNOWN))).kind).toBe('not_found');
      const cases: [Promise<unknown>, string][] = [
        [api.createTask({ Name: '  ' }), 'Name'],
        [api.createProject({ Name: 'A', StartDate: '2025-05-02' }), 'StartDate'],
        [
          api.createTask({ Name: 'A', StartDateTime: '2025-05-02T00:00:00Z', EndDateTime: '2025-05-01T00:00:00Z' }),
          'EndDateTime',
        ],
        [api.updateTask(UNKNOWN, { WorkAmount: -1 }), 'WorkAmount'],
      ];
      for (const [call, field] of cases) {
        const error = await failure(call);
        expect(error.kind).toBe('validation');
        expect(error.details.field).toBe(field);
      }
    });

    it('answers in the shapes the scripted fetch of the client unit tests answers with', async () => {
      const project = await api.createProject({ Name: 'Contract Shape Project' });
      const task = await api.createTask({ Name: 'Contract shape task', ProjectId: project.ProjectId, WorkAmount: 1 });
      sameShape(fixtures.project(), await api.getProject(project.ProjectId));
      sameShape(fixtures.task(), await api.getTask(task.TaskItemId));
    });
  });
}
