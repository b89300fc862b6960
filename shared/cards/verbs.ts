/** The Universal Action verbs the cards send; the bot's verb router handles exactly these. */
export const VERBS = [
  'help',
  'connect.show',
  'connect.submit',
  'disconnect',
  'projects.list',
  'tasks.list',
  'project.show',
  'project.new',
  'project.create',
  'project.edit',
  'project.update',
  'project.addMember',
  'project.addMember.submit',
  'project.comment',
  'project.comment.submit',
  'project.archive',
  'project.archive.confirm',
  'project.delete',
  'project.delete.confirm',
  'project.favorite',
  'task.show',
  'task.new',
  'task.create',
  'task.edit',
  'task.update',
  'task.complete',
  'task.reopen',
  'task.comment',
  'task.comment.submit',
  'task.delete',
  'task.delete.confirm',
  'notify.settings',
  'notify.save',
  'request.show',
  'request.approve',
  'request.approve.confirm',
  'request.reject',
  'request.reject.confirm',
  'timer.start',
  'timer.show',
  'timer.pause',
  'timer.resume',
  'timer.stop',
  'timer.book',
  'timer.discard',
  'time.log',
  'time.log.submit',
  'time.week',
  'time.edit',
  'time.update',
  'time.delete',
  'time.delete.confirm',
  'fields.edit',
  'fields.save',
] as const;

export type Verb = (typeof VERBS)[number];

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (VERBS as readonly string[]).includes(value);
}

/** Typeahead datasets of Input.ChoiceSet `choices.data` (answered by the `application/search` invoke). */
export const DATASETS = ['projects', 'contacts'] as const;
export type Dataset = (typeof DATASETS)[number];
