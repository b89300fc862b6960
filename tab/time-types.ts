/** The wire shapes of the tab's Time view (/tab/api/time…), read by tab/web and written by tab/server. */
export interface TabTimeEntry {
  id: string;
  name: string;
  /** ISO instant (UTC). */
  start: string;
  minutes: number;
  billable: boolean;
  project: string;
}

export interface TabTimer {
  taskId: string;
  taskName: string;
  project: string;
  elapsedSeconds: number;
  paused: boolean;
}

export interface TabTimeWeek {
  /** Monday of the week, "YYYY-MM-DD", in the person's time zone. */
  monday: string;
  days: string[];
  entries: TabTimeEntry[];
  timers: TabTimer[];
  /** My open project tasks, for "Log time". */
  tasks: Array<{ id: string; name: string; billable: boolean }>;
}

export interface TabLogTime {
  taskId: string;
  /** "YYYY-MM-DD" where the person is. */
  date: string;
  duration: string;
  note: string;
  billable: boolean;
  /** IANA zone of the browser. */
  timeZone: string;
  /** One id per form: a repeated send books once. */
  requestId: string;
}
