/**
 * Booking time from Outlook: POST /time/mail (the open mail's time on a task), POST /time/appointment (a meeting as
 * one time entry, remembered by its id and start) and POST /time/appointment/booked (was this meeting booked?).
 * Each booking runs once per form id; a meeting already booked is booked again only when the person says so.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { jsonRoute as route } from '../../server/json-route';
import type { IdentifyRequest } from '../../server/request-identity';
import { entryWindow } from '../../shared/cards/time-dates';
import type { ConnectionService } from '../../shared/connections';
import {
  dateRange,
  guidSchema,
  isValidationCode,
  MAX_ENTRY_MINUTES,
  nameSchema,
  parseDuration,
} from '../../shared/domain';
import { appointmentKey, type FiledMessage, type FilingStore } from '../../shared/filings';
import { identityKey, type UserIdentity } from '../../shared/identity';
import type { InLooxApi, InLooxLinks } from '../../shared/inloox/api';
import { isInLooxError } from '../../shared/inloox/errors';
import type { TimeEntry } from '../../shared/inloox/time';
import type { StateStore } from '../../shared/state';
import { createOnce } from '../../shared/state/once';
import {
  TIME_LIMITS,
  type AppointmentBookedResponse,
  type BookedTime,
  type TimeBookingResponse,
} from '../contract-time';
import { invalid } from './validation';

const isoInstant = z.iso.datetime({ offset: true });
const appointmentSchema = z.object({
  id: z.string().trim().min(1).max(TIME_LIMITS.appointmentIdMax),
  start: isoInstant,
});
const base = {
  taskId: guidSchema,
  projectId: guidSchema,
  name: nameSchema,
  billable: z.boolean(),
  formId: guidSchema,
};
const mailSchema = z.object({
  ...base,
  duration: z.string().max(TIME_LIMITS.durationMax),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  timeZone: z.string().max(TIME_LIMITS.timeZoneMax).optional(),
});
const appointmentBookingSchema = z
  .object({
    ...base,
    startDateTime: isoInstant,
    endDateTime: isoInstant,
    appointment: appointmentSchema,
    again: z.boolean().optional(),
  })
  .superRefine(dateRange('startDateTime', 'endDateTime'));

const REASONS = { duration: 'duration_out_of_range', date: 'invalid_date', appointment: 'unreadable_request' } as const;

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path[0];
  if (typeof field !== 'string') throw invalid('body');
  throw invalid(field, isValidationCode(issue?.message) ? issue.message : REASONS[field as keyof typeof REASONS]);
}

const meeting = (ref: z.output<typeof appointmentSchema>): FiledMessage => ({
  source: 'appointment',
  messageId: appointmentKey(ref.id, ref.start),
});

export interface TimeRoutesOptions {
  connections: ConnectionService;
  filings: FilingStore;
  state: StateStore;
  links: InLooxLinks;
}

export function timeRoutes(identify: IdentifyRequest, options: TimeRoutesOptions): Router {
  const { connections, filings, state, links } = options;
  const router = express.Router();
  const small = express.json({ limit: '8kb' });

  const booked = (entry: TimeEntry, taskId: string, bookedAt?: string): BookedTime => ({
    entryId: entry.TimeEntryId,
    name: entry.DisplayName ?? '',
    minutes: entry.DurationMinutes,
    start: entry.StartDateTime ?? '',
    bookedAt: bookedAt ?? entry.StartDateTime ?? '',
    link: links.task(entry.TaskItemId ?? taskId),
  });

  /** The latest booking of the meeting InLoox still has (one InLoox call), or null (none when never booked). */
  const lastBooking = async (
    identity: UserIdentity,
    api: () => Promise<InLooxApi>,
    ref: z.output<typeof appointmentSchema>,
  ): Promise<BookedTime | null> => {
    const [filing] = (await filings.lookup(identity, meeting(ref))).message.filter((f) => f.kind === 'timeEntry');
    if (!filing) return null;
    try {
      const entry = await (await api()).getTimeEntry(filing.id);
      return booked(entry, entry.TaskItemId ?? '', filing.filedAt);
    } catch (error) {
      // Deleted in InLoox since: the meeting counts as not booked.
      if (isInLooxError(error) && error.kind === 'not_found') return null;
      throw error;
    }
  };

  router.post(
    '/time/mail',
    small,
    route(identify, async (identity, req): Promise<TimeBookingResponse> => {
      const input = parse(mailSchema, req.body);
      const duration = parseDuration(input.duration);
      if (!duration.ok) throw invalid('duration', 'duration_out_of_range');
      const api = await connections.apiFor(identity);
      const { result } = await createOnce(state, identityKey(identity), `time-mail:${input.formId}`, async () => {
        const { start, end } = entryWindow(input.date, duration.minutes, input.timeZone, Date.now());
        const entry = await api.createTimeEntry({
          DisplayName: input.name,
          StartDateTime: start,
          EndDateTime: end,
          DurationMinutes: duration.minutes,
          ProjectId: input.projectId,
          TaskItemId: input.taskId,
          IsBillable: input.billable,
        });
        return { status: 'booked' as const, entry: booked(entry, input.taskId) };
      });
      return result;
    }),
  );

  router.post(
    '/time/appointment/booked',
    small,
    route(identify, async (identity, req): Promise<AppointmentBookedResponse> => {
      const ref = parse(appointmentSchema, req.body);
      return { booked: await lastBooking(identity, () => connections.apiFor(identity), ref) };
    }),
  );

  router.post(
    '/time/appointment',
    small,
    route(identify, async (identity, req): Promise<TimeBookingResponse> => {
      const input = parse(appointmentBookingSchema, req.body);
      const minutes = Math.round((Date.parse(input.endDateTime) - Date.parse(input.startDateTime)) / 60_000);
      if (minutes < 1) throw invalid('endDateTime', 'end_before_start');
      if (minutes > MAX_ENTRY_MINUTES) throw invalid('endDateTime', 'duration_out_of_range');
      const api = await connections.apiFor(identity);
      const { result } = await createOnce(state, identityKey(identity), `time-meeting:${input.formId}`, async () => {
        if (!input.again) {
          const earlier = await lastBooking(identity, async () => api, input.appointment);
          if (earlier) return { status: 'already_booked' as const, entry: earlier };
        }
        const entry = await api.createTimeEntry({
          DisplayName: input.name,
          StartDateTime: new Date(input.startDateTime).toISOString(),
          EndDateTime: new Date(input.endDateTime).toISOString(),
          DurationMinutes: minutes,
          ProjectId: input.projectId,
          TaskItemId: input.taskId,
          IsBillable: input.billable,
        });
        await filings.remember(identity, meeting(input.appointment), { kind: 'timeEntry', id: entry.TimeEntryId });
        return { status: 'booked' as const, entry: booked(entry, input.taskId, new Date().toISOString()) };
      });
      return result;
    }),
  );
  return router;
}
