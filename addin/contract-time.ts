/**
 * The add-in's contract for booking time: the open mail's time on a task ("Log time for this email"), and an
 * appointment or meeting as one time entry ("Book as time"), remembered by the appointment's id and start.
 */

export const TIME_LIMITS = { appointmentIdMax: 1024, timeZoneMax: 64, durationMax: 40 } as const;

/** Which calendar item, and which occurrence of it: recurring meetings share the series id but not the start. */
export interface AppointmentRef {
  /** The series id of an occurrence, else the item id. */
  id: string;
  /** ISO 8601: when this occurrence starts (as Outlook has it, before any edit in the form). */
  start: string;
}

interface BookingBase {
  taskId: string;
  projectId: string;
  /** The time entry's name. */
  name: string;
  billable: boolean;
  /** One id per filled form: a second send books nothing new. */
  formId: string;
}

/** Time spent on a mail: a duration on a day, placed like every "log time" (ends now today, else from 9:00). */
export interface MailTimeRequest extends BookingBase {
  /** As typed: "1.5h", "1,5 h", "90m", "1:30". */
  duration: string;
  /** yyyy-mm-dd, in `timeZone`. */
  date: string;
  timeZone?: string;
}

/** A meeting as time: its start and end (as the person left them in the form). */
export interface AppointmentTimeRequest extends BookingBase {
  /** ISO 8601 instants. */
  startDateTime: string;
  endDateTime: string;
  appointment: AppointmentRef;
  /** True only when the person chose "Book again" on a meeting already booked. */
  again?: boolean;
}

export interface BookedTime {
  entryId: string;
  name: string;
  minutes: number;
  /** ISO 8601: the entry's start. */
  start: string;
  /** ISO 8601: when it was booked from here (appointments), else the entry's start. */
  bookedAt: string;
  /** The task in InLoox. */
  link: string;
}

export type TimeBookingResponse =
  | { status: 'booked'; entry: BookedTime }
  /** Nothing was booked: this meeting was booked before (and "again" was not chosen). */
  | { status: 'already_booked'; entry: BookedTime };

export interface AppointmentBookedResponse {
  /** The latest booking of this meeting that InLoox still has, or null. */
  booked: BookedTime | null;
}
