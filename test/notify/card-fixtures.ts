/** Filled examples of every notification card, for the card tests (parse, version, size, verbs). */
import {
  assignmentCard,
  digestCard,
  dueMovedCard,
  notifySettingsCard,
  reconnectNoticeCard,
  type AdaptiveCardJson,
  type AssignedItem,
  type CardContext,
} from '../../shared/cards';
import { DEFAULT_SETTINGS } from '../../shared/notify';

const TASK_ID = '33333333-3333-4333-8333-333333333333';

const assigned = (i: number): AssignedItem => ({
  taskId: TASK_ID,
  name: `Prepare the quarterly review deck, part ${i} ${'with a long name '.repeat(8)}`,
  project: 'Website relaunch 2026',
  due: '14 Mar 2026',
  assignedBy: 'Anna Schmidt',
  url: `https://app.inloox.com/task/${TASK_ID}`,
});

export function notifyCards(ctx: CardContext): [string, AdaptiveCardJson][] {
  const item = { taskId: TASK_ID, name: 'Write copy', due: '14 Mar 2026', project: 'Website' };
  const many = Array.from({ length: 40 }, (_, i) => ({ ...item, name: `${item.name} ${i}` }));
  const de = ctx.locale === 'de';
  return [
    [
      'notify assigned',
      assignmentCard(
        ctx,
        [
          {
            taskId: TASK_ID,
            name: de ? 'Budget für Q3 freigeben' : 'Approve the Q3 budget',
            project: 'Website Relaunch',
            due: de ? '14.03.2026' : '14 Mar 2026',
            assignedBy: 'Emily Clarke',
            url: `https://app.inloox.com/task/${TASK_ID}`,
          },
          {
            taskId: '44444444-4444-4444-8444-444444444445',
            name: de ? 'Texte für die Startseite prüfen' : 'Review the home page copy',
            project: 'Website Relaunch',
            due: de ? '18.03.2026' : '18 Mar 2026',
            assignedBy: 'Emily Clarke',
            url: 'https://app.inloox.com/task/44444444-4444-4444-8444-444444444445',
          },
        ],
        { verb: 'timer.start', data: (taskId) => ({ taskId }) },
      ),
    ],
    ['notify assigned one', assignmentCard(ctx, [assigned(1)])],
    [
      'notify assigned with timer',
      assignmentCard(ctx, [assigned(2)], { verb: 'timer.start', data: (taskId) => ({ taskId }) }),
    ],
    [
      'notify assigned many',
      assignmentCard(
        ctx,
        Array.from({ length: 30 }, (_, i) => assigned(i)),
      ),
    ],
    [
      'notify due moved',
      dueMovedCard(ctx, [{ taskId: TASK_ID, name: 'Write copy', from: '4 May 2026', to: '', url: '' }]),
    ],
    ['notify digest', digestCard(ctx, { overdue: [item], today: [item], thisWeek: [item] })!],
    ['notify digest full', digestCard(ctx, { overdue: many, today: many, thisWeek: many })!],
    ['notify reconnect', reconnectNoticeCard(ctx)],
    ['notify settings', notifySettingsCard(ctx, DEFAULT_SETTINGS)],
    ['notify settings saved', notifySettingsCard(ctx, DEFAULT_SETTINGS, { text: 'Saved', tone: 'good' })],
  ];
}
