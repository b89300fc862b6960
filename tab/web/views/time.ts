/**
 * The Time view: my week by day with totals, the running timer (pause, resume, stop and book) and "Log time".
 * It keeps its own state and renders into one element the tab shows while "Time" is selected.
 */
import { durationProblemText, formatMinutes, parseDuration, roundMinutes } from '../../../shared/domain/duration';
import { ApiError } from '../../../ui/api';
import { dateLocaleTag } from '../../../ui/dates';
import { h, mount } from '../../../ui/dom';
import { createTranslator, type Locale, type Messages } from '../../../ui/i18n';
import { messageBar, spinner } from '../../../ui/views';
import type { TabTimeWeek, TabTimer } from '../../time-types';
import type { TabClient } from '../client';

type Key =
  | 'weekOf'
  | 'total'
  | 'empty'
  | 'previous'
  | 'next'
  | 'timer'
  | 'noTimer'
  | 'running'
  | 'paused'
  | 'pause'
  | 'resume'
  | 'stopAndBook'
  | 'logTime'
  | 'task'
  | 'date'
  | 'duration'
  | 'durationHint'
  | 'note'
  | 'billable'
  | 'book'
  | 'booked'
  | 'chooseTask'
  | 'loading';

const MESSAGES: Messages<Key> = {
  en: {
    weekOf: 'Week of {date}',
    total: 'Total {total}',
    empty: 'No time booked this week.',
    previous: 'Previous week',
    next: 'Next week',
    timer: 'Timer',
    noTimer: 'No timer is running. Start one from a task in Teams.',
    running: 'Running',
    paused: 'Paused',
    pause: 'Pause',
    resume: 'Resume',
    stopAndBook: 'Stop and book {duration}',
    logTime: 'Log time',
    task: 'Task',
    date: 'Date',
    duration: 'Duration',
    durationHint: 'e.g. 1.5h, 90m or 1:30',
    note: 'Description',
    billable: 'Billable',
    book: 'Book',
    booked: 'Booked {duration}.',
    chooseTask: 'Please choose a task.',
    loading: 'Loading…',
  },
  de: {
    weekOf: 'Woche ab {date}',
    total: 'Summe {total}',
    empty: 'Diese Woche ist keine Zeit gebucht.',
    previous: 'Vorherige Woche',
    next: 'Nächste Woche',
    timer: 'Stoppuhr',
    noTimer: 'Keine Stoppuhr läuft. Starten Sie eine an einer Aufgabe in Teams.',
    running: 'Läuft',
    paused: 'Pausiert',
    pause: 'Pausieren',
    resume: 'Fortsetzen',
    stopAndBook: 'Stoppen und {duration} buchen',
    logTime: 'Zeit buchen',
    task: 'Aufgabe',
    date: 'Datum',
    duration: 'Dauer',
    durationHint: 'z. B. 1,5h, 90m oder 1:30',
    note: 'Beschreibung',
    billable: 'Abrechenbar',
    book: 'Buchen',
    booked: '{duration} gebucht.',
    chooseTask: 'Bitte wählen Sie eine Aufgabe.',
    loading: 'Wird geladen…',
  },
};

const uuid = () => crypto.randomUUID();
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function localDate(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return parts.format(new Date(iso));
}

export class TimeView {
  readonly element = h('div', { class: 'tab-view tab-time', id: 'tab-time' });
  private readonly t;
  private week?: TabTimeWeek;
  private offset = 0;
  private notice?: { kind: 'error' | 'success'; text: string };
  private busy = false;
  private requestId = uuid();
  private readonly timeZone = browserZone();
  /** What is typed into "Log time", kept across renders (a refusal must not clear the form). */
  private form = { taskId: '', date: '', duration: '', note: '', billable: false };

  constructor(
    private readonly client: TabClient,
    private readonly locale: Locale,
  ) {
    this.t = createTranslator(MESSAGES, locale);
  }

  async load(offset = this.offset): Promise<void> {
    this.offset = offset;
    if (!this.week) this.render();
    try {
      this.week = await this.client.timeWeek(offset, this.timeZone);
    } catch (error) {
      this.notice = { kind: 'error', text: error instanceof ApiError ? error.message : String(error) };
    }
    this.render();
  }

  private async run(work: () => Promise<string | undefined>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    this.render();
    try {
      const success = await work();
      if (success) this.notice = { kind: 'success', text: success };
      this.requestId = uuid();
      await this.load();
    } catch (error) {
      this.notice = { kind: 'error', text: error instanceof ApiError ? error.message : String(error) };
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private render(): void {
    const { t } = this;
    if (!this.week) return mount(this.element, spinner(t('loading')));
    mount(
      this.element,
      this.notice ? messageBar(this.notice.kind, this.notice.text) : null,
      this.timerSection(this.week.timers[0]),
      this.weekSection(this.week),
      this.logSection(this.week),
    );
  }

  private timerSection(timer: TabTimer | undefined): HTMLElement {
    const { t, locale } = this;
    if (!timer)
      return h('section', { class: 'tab-time__timer fx-card' }, h('h2', {}, t('timer')), h('p', {}, t('noTimer')));
    const minutes = roundMinutes(timer.elapsedSeconds / 60);
    return h(
      'section',
      { class: 'tab-time__timer fx-card', 'data-task-id': timer.taskId },
      h('h2', {}, t('timer')),
      h('p', { class: 'tab-time__timer-task' }, timer.taskName, timer.project ? ` · ${timer.project}` : ''),
      h(
        'p',
        { class: 'tab-time__elapsed' },
        formatMinutes(Math.floor(timer.elapsedSeconds / 60), locale),
        ' ',
        h('span', { class: 'tab-badge' }, t(timer.paused ? 'paused' : 'running')),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'fx-button',
          disabled: this.busy,
          onclick: () =>
            void this.run(async () => {
              await this.client.timer(timer.taskId, timer.paused ? 'resume' : 'pause');
              return undefined;
            }),
        },
        t(timer.paused ? 'resume' : 'pause'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'fx-button fx-button--primary',
          id: 'tab-time-stop',
          disabled: this.busy,
          onclick: () =>
            void this.run(async () => {
              const duration = `${minutes}m`;
              const task = this.week?.tasks.find((item) => item.id === timer.taskId);
              await this.client.stopTimer(timer.taskId, {
                duration,
                note: '',
                billable: !!task?.billable,
                requestId: this.requestId,
              });
              return t('booked', { duration: formatMinutes(minutes, locale) });
            }),
        },
        t('stopAndBook', { duration: formatMinutes(minutes, locale) }),
      ),
    );
  }

  private weekSection(week: TabTimeWeek): HTMLElement {
    const { t, locale } = this;
    const total = week.entries.reduce((sum, e) => sum + e.minutes, 0);
    const dayName = new Intl.DateTimeFormat(dateLocaleTag(locale), {
      weekday: 'long',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    const days = week.days
      .map((day) => ({ day, entries: week.entries.filter((e) => localDate(e.start, this.timeZone) === day) }))
      .filter((d) => d.entries.length > 0);
    return h(
      'section',
      { class: 'tab-time__week' },
      h(
        'div',
        { class: 'tab-time__week-head' },
        h('h2', {}, t('weekOf', { date: dayName.format(new Date(`${week.monday}T12:00:00Z`)) })),
        h('strong', { id: 'tab-time-total' }, t('total', { total: formatMinutes(total, locale) })),
        h(
          'button',
          { type: 'button', class: 'fx-button fx-button--subtle', onclick: () => void this.load(this.offset - 1) },
          t('previous'),
        ),
        this.offset < 0
          ? h(
              'button',
              { type: 'button', class: 'fx-button fx-button--subtle', onclick: () => void this.load(this.offset + 1) },
              t('next'),
            )
          : null,
      ),
      days.length === 0 ? h('p', { class: 'tab-time__empty' }, t('empty')) : null,
      ...days.map(({ day, entries }) =>
        h(
          'div',
          { class: 'tab-time__day', 'data-day': day },
          h(
            'h3',
            {},
            dayName.format(new Date(`${day}T12:00:00Z`)),
            ' · ',
            formatMinutes(
              entries.reduce((sum, e) => sum + e.minutes, 0),
              locale,
            ),
          ),
          h(
            'ul',
            {},
            ...entries.map((e) =>
              h(
                'li',
                { class: 'tab-time__entry' },
                h('span', {}, e.name, e.project ? ` · ${e.project}` : ''),
                h('span', {}, formatMinutes(e.minutes, locale)),
              ),
            ),
          ),
        ),
      ),
    );
  }

  private logSection(week: TabTimeWeek): HTMLElement {
    const { t, locale } = this;
    const today = localDate(new Date().toISOString(), this.timeZone);
    const form = this.form;
    const task = h(
      'select',
      { id: 'tab-time-task', required: true, onchange: () => (form.taskId = task.value) },
      h('option', { value: '' }, '—'),
      ...week.tasks.map((item) => h('option', { value: item.id, selected: item.id === form.taskId }, item.name)),
    );
    const date = h('input', {
      id: 'tab-time-date',
      type: 'date',
      value: form.date || today,
      required: true,
      onchange: () => (form.date = date.value),
    });
    const duration = h('input', {
      id: 'tab-time-duration',
      type: 'text',
      placeholder: t('durationHint'),
      maxlength: 30,
      value: form.duration,
      oninput: () => (form.duration = duration.value),
    });
    const note = h('textarea', { id: 'tab-time-note', maxlength: 10000, oninput: () => (form.note = note.value) });
    note.value = form.note;
    const billable = h('input', {
      id: 'tab-time-billable',
      type: 'checkbox',
      checked: form.billable,
      onchange: () => (form.billable = billable.checked),
    });
    task.addEventListener('change', () => {
      billable.checked = form.billable = !!week.tasks.find((item) => item.id === task.value)?.billable;
    });
    const submit = (event: Event) => {
      event.preventDefault();
      const parsed = parseDuration(duration.value);
      if (!task.value) return this.fail(t('chooseTask'));
      if (!parsed.ok) return this.fail(durationProblemText(parsed.problem, locale, duration.value));
      void this.run(async () => {
        const result = await this.client.logTime({
          taskId: task.value,
          date: date.value || today,
          duration: duration.value,
          note: note.value,
          billable: billable.checked,
          timeZone: this.timeZone,
          requestId: this.requestId,
        });
        this.form = { taskId: '', date: '', duration: '', note: '', billable: false };
        return t('booked', { duration: formatMinutes(result.minutes, locale) });
      });
    };
    const field = (label: string, id: string, control: HTMLElement) =>
      h('div', { class: 'fx-field' }, h('label', { for: id }, label), control);
    return h(
      'form',
      { class: 'tab-time__log fx-card', id: 'tab-time-log', onsubmit: submit },
      h('h2', {}, t('logTime')),
      field(t('task'), 'tab-time-task', task),
      field(t('date'), 'tab-time-date', date),
      field(t('duration'), 'tab-time-duration', duration),
      field(t('note'), 'tab-time-note', note),
      h('label', { class: 'fx-check' }, billable, ' ', t('billable')),
      h('button', { type: 'submit', class: 'fx-button fx-button--primary', disabled: this.busy }, t('book')),
    );
  }

  private fail(text: string): void {
    this.notice = { kind: 'error', text };
    this.render();
  }
}
