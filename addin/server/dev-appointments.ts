/**
 * Sample calendar items for the local Outlook host page (/dev/outlook?appointment=ID): two occurrences of a
 * recurring English meeting (same series, different starts) and a German one. Times are relative to `now`.
 */
import type { DevAddress, DevMail } from '../dev-mail';

const me: DevAddress = { name: 'Local Developer', email: 'dev@contoso.example' };
const anna: DevAddress = { name: 'Anna Becker', email: 'anna.becker@contoso.example' };
const jonas: DevAddress = { name: 'Jonas Weiß', email: 'jonas.weiss@contoso.example' };

/** A whole hour `days` from today (negative: in the past), in UTC. */
function hour(now: Date, days: number, hours: number, minutes = 0): string {
  const date = new Date(now);
  date.setUTCDate(date.getUTCDate() + days);
  date.setUTCHours(hours, minutes, 0, 0);
  return date.toISOString();
}

const agenda = `<html><body style="font-family:Segoe UI,sans-serif">
<p>Agenda:</p><ol><li>Status of the relaunch</li><li>Blockers</li><li>Next steps</li></ol>
<p><a href="https://teams.microsoft.com/l/meetup-join/19%3ameeting_sync">Join the meeting</a></p>
</body></html>`;

const tagesordnung = `<html><body style="font-family:Segoe UI,sans-serif">
<p>Tagesordnung:</p><ul><li>Meilensteine &amp; Zuständigkeiten</li><li>Budgetübersicht</li></ul>
<p>Grüße, Jonas</p></body></html>`;

const SERIES = 'AAMkADevSeriesWeeklySync=';

export function devSampleAppointments(now = new Date()): DevMail[] {
  const base = { itemType: 'appointment' as const, cc: [], bodyType: 'html' as const, attachments: [] };
  return [
    {
      ...base,
      id: 'appt-weekly-sync',
      kind: 'Meeting, recurring (this week)',
      seriesId: SERIES,
      subject: 'Weekly project sync',
      location: 'Microsoft Teams meeting',
      from: anna,
      to: [me, jonas],
      date: hour(now, -1, 8),
      end: hour(now, -1, 8, 45),
      body: agenda,
    },
    {
      ...base,
      id: 'appt-weekly-sync-previous',
      kind: 'Meeting, recurring (last week)',
      seriesId: SERIES,
      subject: 'Weekly project sync',
      location: 'Microsoft Teams meeting',
      from: anna,
      to: [me, jonas],
      date: hour(now, -8, 8),
      end: hour(now, -8, 8, 45),
      body: agenda,
    },
    {
      ...base,
      id: 'appt-projektplan',
      kind: 'German meeting',
      subject: 'Abstimmung Projektplan Q3',
      location: 'Besprechungsraum Köln',
      from: jonas,
      to: [me, anna],
      date: hour(now, -2, 12),
      end: hour(now, -2, 13, 30),
      body: tagesordnung,
    },
  ];
}
