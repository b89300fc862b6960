/**
 * The pane on an appointment or meeting (read mode): "Book as time" with the meeting's subject, start and end
 * prefilled. A meeting booked before says when and as what, and offers booking again only on request.
 */
import { formatDate, formatDateTime, formatTime } from '../../ui/dates';
import { h } from '../../ui/dom';
import type { Locale, Translate } from '../../ui/i18n';
import { messageBar, spinner } from '../../ui/views';
import { formatMinutes } from '../../shared/domain/duration';
import type { BookedTime } from '../contract-time';
import type { AddinApi } from './api-client';
import type { AppointmentItem } from './office';
import type { MessageKey } from './strings';
import { openInInLooxLink } from './submit';
import { timeForm } from './time-form';
import { appointmentRefOf, checkMeetingTime, meetingTimeValues } from './time-values';

export interface MeetingPaneOptions {
  t: Translate<MessageKey>;
  locale: Locale;
  api: AddinApi;
  /** Replaces the pane's content. */
  show: (...nodes: (Node | null)[]) => void;
  footer: () => Node | null;
  /** Errors the pane handles itself (sign-in, connection); returns true when it did. */
  onFatal: (error: unknown) => boolean;
  /** False once the pane shows another item. */
  current: () => boolean;
}

export function bookedText(t: Translate<MessageKey>, locale: Locale, entry: BookedTime): string {
  return t('alreadyBooked', {
    date: formatDate(entry.bookedAt, locale),
    name: entry.name,
    duration: formatMinutes(entry.minutes, locale),
  });
}

export async function showMeeting(options: MeetingPaneOptions, appointment: AppointmentItem): Promise<void> {
  const { t, locale, api } = options;
  const ref = appointmentRefOf(appointment);
  const subject = appointment.subject.trim() || t('subjectFallback');
  const header = () =>
    h(
      'header',
      { class: 'pane-email' },
      h('p', { class: 'pane-email__subject', title: subject }, subject),
      h(
        'p',
        { class: 'pane-email__meta' },
        [`${formatDateTime(appointment.start, locale)} – ${formatTime(appointment.end, locale)}`, appointment.location]
          .filter(Boolean)
          .join(' · '),
      ),
    );

  const openLink = (link: string) => openInInLooxLink(t, link);

  const render = (booked: BookedTime | null, again: boolean, notice?: HTMLElement) => {
    if (booked && !again) {
      const bookAgain = h(
        'button',
        { type: 'button', class: 'fx-button', onclick: () => render(booked, true) },
        t('bookAgain'),
      );
      options.show(
        header(),
        h('h1', { class: 'pane-title' }, t('bookAsTime')),
        notice ?? null,
        h(
          'section',
          { class: 'pane-booked', role: 'status', 'aria-label': t('alreadyBookedTitle') },
          h('p', { class: 'pane-text pane-booked__text' }, bookedText(t, locale, booked)),
          openLink(booked.link),
          bookAgain,
          h('p', { class: 'fx-hint' }, t('bookAgainHint')),
        ),
        options.footer(),
      );
      return;
    }
    const status = h('div', { class: 'pane-status', 'aria-live': 'assertive' });
    const form = timeForm({
      t,
      api,
      kind: 'meeting',
      values: meetingTimeValues(appointment),
      status,
      submitLabel: 'bookTime',
      check: (values) => checkMeetingTime(values, t).errors,
      send: (values, formId) =>
        api.bookMeeting({ ...checkMeetingTime(values, t).request!, appointment: ref, formId, again }),
      onDone: (response) => {
        if (response.status === 'already_booked') return render(response.entry, false);
        showBooked(response.entry);
      },
      onFatal: options.onFatal,
      current: options.current,
    });
    options.show(
      header(),
      h(
        'section',
        { class: 'pane-meeting' },
        h('h1', { class: 'pane-title' }, t('bookAsTime')),
        notice ?? null,
        again && booked ? messageBar('info', bookedText(t, locale, booked)) : null,
        status,
        form,
      ),
      options.footer(),
    );
  };

  const showBooked = (entry: BookedTime) => {
    options.show(
      header(),
      h(
        'section',
        { class: 'pane-done', role: 'status' },
        h('div', { class: 'pane-done__icon', 'aria-hidden': 'true' }, '✓'),
        h('h1', { class: 'pane-title' }, t('bookedTitle')),
        h(
          'p',
          { class: 'pane-text' },
          t('bookedText', { duration: formatMinutes(entry.minutes, locale), name: entry.name }),
        ),
        openLink(entry.link),
      ),
      options.footer(),
    );
  };

  options.show(header(), spinner(t('loading')));
  let booked: BookedTime | null = null;
  try {
    booked = (await api.meetingBooked(ref)).booked;
  } catch (error) {
    if (!options.current() || options.onFatal(error)) return;
    // Unknown whether it was booked: the form still works, and the server refuses a second booking itself.
    return render(null, false, messageBar('warning', (error as Error).message));
  }
  if (options.current()) render(booked, false);
}
