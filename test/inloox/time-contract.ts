/**
 * What every InLooxApi must do for time tracking (stopwatches, time entries), run against the client over the
 * sandbox in both answer shapes and against the in-memory fake. Each target brings a clock the test moves, so
 * elapsed times are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import type { Guid } from '../../shared/inloox/types';
import { failure } from './failure';

export interface TimeContractTarget {
  api: InLooxApi;
  /** Moves the target's clock forward. */
  advance(seconds: number): void;
  close?: () => Promise<void>;
}

export function timeContract(name: string, setup: () => Promise<TimeContractTarget>): void {
  describe(`InLooxApi time contract: ${name}`, () => {
    let target: TimeContractTarget;
    let api: InLooxApi;
    let me: Guid;
    let projectId: Guid;
    let otherProjectId: Guid;
    let taskId: Guid;
    let secondTaskId: Guid;

    beforeAll(async () => {
      target = await setup();
      api = target.api;
      me = (await api.me()).ContactId.toLowerCase();
      projectId = (await api.createProject({ Name: 'Time Contract Project' })).ProjectId;
      otherProjectId = (await api.createProject({ Name: 'Time Contract Other' })).ProjectId;
      taskId = (await api.createTask({ Name: 'Timed task', ProjectId: projectId })).TaskItemId;
      secondTaskId = (await api.createTask({ Name: 'Second timed task', ProjectId: projectId })).TaskItemId;
    });
    afterAll(async () => {
      await target?.close?.();
    });

    it('a stopwatch runs, pauses, resumes and stops with the elapsed seconds of its running time only', async () => {
      const started = await api.startStopwatch(taskId);
      const first = started ?? (await api.getStopwatch(taskId))!;
      expect(first).toMatchObject({ ElapsedSeconds: 0, PausedAt: null, TaskItemId: taskId, ProjectId: projectId });
      target.advance(90);
      expect((await api.getStopwatch(taskId))?.ElapsedSeconds).toBe(90);
      expect((await api.pauseStopwatch(taskId))?.PausedAt).toBeTruthy();
      target.advance(600);
      expect((await api.getStopwatch(taskId))?.ElapsedSeconds).toBe(90);
      // Pausing a paused stopwatch changes nothing.
      expect((await api.pauseStopwatch(taskId))?.ElapsedSeconds).toBe(90);
      const resumed = await api.startStopwatch(taskId);
      expect(resumed?.PausedAt ?? null).toBeNull();
      expect(resumed?.UserStopwatchId).toBe(first.UserStopwatchId);
      target.advance(30);
      const listed = await api.listStopwatches();
      expect(listed.find((s) => s.TaskItemId === taskId)).toMatchObject({
        ElapsedSeconds: 120,
        TaskItemName: 'Timed task',
        ProjectName: 'Time Contract Project',
        InitiallyStartedAt: first.InitiallyStartedAt,
      });
      const stopped = await api.stopStopwatch(taskId);
      expect(stopped?.ElapsedSeconds).toBe(120);
      expect(await api.getStopwatch(taskId)).toBeUndefined();
      expect((await api.listStopwatches()).some((s) => s.TaskItemId === taskId)).toBe(false);
    });

    it('lists running stopwatches before paused ones; pause and stop without a stopwatch are not_found', async () => {
      await api.startStopwatch(taskId);
      await api.pauseStopwatch(taskId);
      target.advance(5);
      await api.startStopwatch(secondTaskId);
      const listed = await api.listStopwatches();
      expect(listed.map((s) => [s.TaskItemId, !!s.PausedAt])).toEqual([
        [secondTaskId, false],
        [taskId, true],
      ]);
      await api.stopStopwatch(taskId);
      await api.stopStopwatch(secondTaskId);
      expect((await failure(api.pauseStopwatch(taskId))).kind).toBe('not_found');
      expect((await failure(api.stopStopwatch(taskId))).kind).toBe('not_found');
    });

    it('a task without a project cannot be timed', async () => {
      const privateTask = await api.createTask({ Name: 'Private timed task' });
      expect((await failure(api.startStopwatch(privateTask.TaskItemId))).kind).toBe('validation');
    });

    it('time entries: create, read, update, list by person and date range, delete', async () => {
      const created = await api.createTimeEntry({
        DisplayName: 'Timed task',
        StartDateTime: '2030-03-04T09:00:00+01:00',
        EndDateTime: '2030-03-04T10:30:00+01:00',
        DurationMinutes: 90,
        ProjectId: projectId,
        TaskItemId: taskId,
        IsBillable: true,
        DescriptionHTML: '<p>Kick-off</p>',
      });
      expect(created).toMatchObject({
        DurationMinutes: 90,
        IsBillable: true,
        PerformedByContactId: me,
        StartDateTime: '2030-03-04T08:00:00Z',
        EndDateTime: '2030-03-04T09:30:00Z',
        TaskItemId: taskId,
      });
      const outside = await api.createTimeEntry({
        DisplayName: 'Earlier',
        StartDateTime: '2030-03-01T09:00:00Z',
        EndDateTime: '2030-03-01T09:15:00Z',
        DurationMinutes: 15,
        ProjectId: projectId,
      });
      expect((await api.getTimeEntry(created.TimeEntryId)).DisplayName).toBe('Timed task');
      const week = await api.listTimeEntries({
        performedByContactId: me,
        from: '2030-03-04T00:00:00Z',
        to: '2030-03-11T00:00:00Z',
      });
      expect(week.items.map((e) => e.TimeEntryId)).toEqual([created.TimeEntryId]);
      const nobody = await api.listTimeEntries({ performedByContactId: otherProjectId, from: '2030-03-01T00:00:00Z' });
      expect(nobody.items).toEqual([]);
      expect((await api.listTimeEntries({ taskId })).items.map((e) => e.TimeEntryId)).toContain(created.TimeEntryId);

      const updated = await api.updateTimeEntry(created.TimeEntryId, { DurationMinutes: 45, IsBillable: false });
      expect(updated).toMatchObject({ DurationMinutes: 45, IsBillable: false, DisplayName: 'Timed task' });

      await api.deleteTimeEntry(created.TimeEntryId);
      expect((await failure(api.getTimeEntry(created.TimeEntryId))).kind).toBe('not_found');
      await api.deleteTimeEntry(outside.TimeEntryId);
    });

    it('refuses an end before the start, a duration of 0 and a task of another project', async () => {
      const base = {
        DisplayName: 'Bad entry',
        StartDateTime: '2030-03-04T09:00:00Z',
        EndDateTime: '2030-03-04T10:00:00Z',
        DurationMinutes: 60,
        ProjectId: projectId,
      };
      expect((await failure(api.createTimeEntry({ ...base, EndDateTime: '2030-03-04T08:00:00Z' }))).kind).toBe(
        'validation',
      );
      expect((await failure(api.createTimeEntry({ ...base, DurationMinutes: 0 }))).kind).toBe('validation');
      expect((await failure(api.createTimeEntry({ ...base, DurationMinutes: 24 * 60 + 1 }))).kind).toBe('validation');
      const wrongProject = await failure(
        api.createTimeEntry({ ...base, ProjectId: otherProjectId, TaskItemId: taskId }),
      );
      expect(wrongProject.kind).toBe('validation');
      expect((await api.listTimeEntries({ performedByContactId: me, from: base.StartDateTime })).items).toEqual([]);
    });
  });
}
