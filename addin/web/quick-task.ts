/**
 * The ribbon's quick task, run by the function file without opening the pane: reads the mail, asks the server to
 * create the task in the last used project with the default dates, and tells the result in an Outlook notification
 * message on the mail. Every outcome ends the command (event.completed), failures included.
 */
import { ApiError } from '../../ui/api';
import { dateInputToIso } from '../../ui/dates';
import { createTranslator, toLocale } from '../../ui/i18n';
import type { QuickTaskResponse } from '../contract-filings';
import { createAddinApi } from './api-client';
import { mailRefOf } from './filed';
import { defaultTaskValues } from './form';
import * as office from './office';
import { readEmail } from './pane';
import { MESSAGES } from './strings';

export const QUICK_TASK_ACTION = 'quickTask';
/** The manifest's id of the ribbon button that opens the pane (for "Open in InLoox" where Outlook allows it). */
export const TASK_PANE_COMMAND = 'inlooxOpenTaskPane';
const NOTIFICATION_KEY = 'inloox-quick-task';

let running: Promise<void> | undefined;

/** The function command: a press while one runs waits for it instead of starting another. */
export function quickTask(event: { completed(options?: unknown): void }): void {
  running ??= run().finally(() => (running = undefined));
  void running.finally(() => event.completed());
}

async function run(): Promise<void> {
  const locale = toLocale(office.getDisplayLanguage());
  const t = createTranslator(MESSAGES, locale);
  const notify = (notification: office.Notification) =>
    office.showNotification(NOTIFICATION_KEY, notification).catch(() => undefined);
  const item = office.getItem();
  if (!item) return;
  await notify({ kind: 'info', message: t('quickTaskWorking') });
  const api = createAddinApi({
    baseUrl: '/addin/api',
    locale,
    // Without single sign-on (local mode) the server uses the development identity, and refuses in production.
    getToken: () => office.getAccessToken().catch(() => undefined),
  });
  let result: QuickTaskResponse;
  try {
    const email = await readEmail(item);
    const values = defaultTaskValues(item, new Date(), undefined);
    const mail = mailRefOf(item);
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
    result = await api.quickTask({
      email,
      trimQuoted: true,
      ...(timeZone ? { timeZone } : {}),
      name: values.name || t('subjectFallback'),
      startDateTime: dateInputToIso(values.startDate, 'start'),
      endDateTime: dateInputToIso(values.endDate, 'end'),
      formId: crypto.randomUUID(),
      ...(mail ? { mail } : {}),
    });
  } catch (error) {
    const notConnected =
      error instanceof ApiError && ['not_connected', 'needs_reconnect', 'unauthenticated'].includes(error.code);
    await notify({
      kind: 'error',
      message: notConnected ? t('quickTaskNotConnected') : t('quickTaskFailed', { message: (error as Error).message }),
    });
    return;
  }
  if (result.status === 'no_project') {
    await notify({ kind: 'error', message: t('quickTaskNoProject') });
    return;
  }
  const text =
    result.status === 'created'
      ? t('quickTaskCreated', { name: result.task.name, project: result.projectName })
      : t('quickTaskExisting', { name: result.task.name, project: result.projectName });
  await notify({
    kind: 'info',
    message: text,
    openPane: { label: t('quickTaskOpen'), commandId: TASK_PANE_COMMAND },
  });
}
