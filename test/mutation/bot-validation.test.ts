/**
 * The bot's checks of card data, at and over each limit, with the message the person reads (both languages).
 * Mutation testing showed these limits and messages could change without a failing test.
 */
import { describe, expect, it } from 'vitest';
import {
  BadInputError,
  commentSchema,
  idSchemas,
  listSchema,
  memberSchema,
  newFormSchema,
  parseCardData,
  projectFormSchema,
  projectFormValues,
  roleValue,
  taskFormSchema,
  taskFormValues,
  toProjectInput,
  toTaskInput,
} from '../../bot/validation';
import { NO_CHOICE } from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { LIMITS } from '../../shared/domain';
import { MemberRole } from '../../shared/inloox/types';

const GUID = '0A1B2C3D-4E5F-4a6b-8c7d-9e0f1a2b3c4d';

/** The text of the BadInputError a parse throws, or undefined when it passes. */
function refusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return (error as BadInputError).userText;
  }
}

describe('task form', () => {
  const task = (data: Record<string, unknown>, locale: 'en' | 'de' = 'en') =>
    parseCardData(taskFormSchema, { name: 'Plan', ...data }, locale);

  it('accepts a task that starts and ends on the same day, and refuses one that ends the day before', () => {
    expect(task({ start: '2026-05-04', end: '2026-05-04' })).toMatchObject({ start: '2026-05-04', end: '2026-05-04' });
    expect(refusal(() => task({ start: '2026-05-04', end: '2026-05-03' }))).toBe(t('en', 'errorEndBeforeStart'));
    expect(refusal(() => task({ start: '2026-05-04', end: '2026-05-03' }, 'de'))).toBe(t('de', 'errorEndBeforeStart'));
  });

  it('reads dates from ISO instants, drops empty ones, and refuses impossible ones', () => {
    expect(task({ start: '2026-05-04T09:00:00Z', end: '' })).toMatchObject({ start: '2026-05-04', end: '' });
    expect(task({})).toMatchObject({ start: '', end: '' });
    expect(refusal(() => task({ start: '2026-02-30' }))).toBe(t('en', 'errorDate'));
    expect(refusal(() => task({ start: 'x'.repeat(41) }))).toBeDefined();
  });

  it('takes effort from 0 to the limit, as text or number, and refuses beyond it', () => {
    expect(task({ effort: '0' }).effort).toBe(0);
    expect(task({ effort: String(LIMITS.effortHours) }).effort).toBe(LIMITS.effortHours);
    expect(task({ effort: 2.5 }).effort).toBe(2.5);
    expect(task({ effort: '' }).effort).toBeUndefined();
    expect(task({}).effort).toBeUndefined();
    const message = t('en', 'errorEffort', { max: LIMITS.effortHours });
    expect(message).toContain('10000');
    expect(refusal(() => task({ effort: String(LIMITS.effortHours + 0.5) }))).toBe(message);
    expect(refusal(() => task({ effort: '-1' }))).toBe(message);
    expect(refusal(() => task({ effort: 'abc' }))).toBe(message);
    expect(refusal(() => task({ effort: '1'.repeat(21) }))).toBeDefined();
  });

  it('takes a description up to the limit and names the limit when over it', () => {
    expect(task({ description: 'd'.repeat(LIMITS.description) }).description).toHaveLength(LIMITS.description);
    expect(task({}).description).toBe('');
    expect(refusal(() => task({ description: 'd'.repeat(LIMITS.description + 1) }))).toBe(
      t('en', 'errorTextTooLong', { max: LIMITS.description }),
    );
  });

  it('names the name limit, and asks for a name when it is blank', () => {
    expect(task({ name: 'n'.repeat(LIMITS.name) }).name).toHaveLength(LIMITS.name);
    expect(refusal(() => task({ name: 'n'.repeat(LIMITS.name + 1) }))).toBe(
      t('en', 'errorNameTooLong', { max: LIMITS.name }),
    );
    expect(refusal(() => task({ name: '   ' }, 'de'))).toBe(t('de', 'errorNameRequired'));
  });

  it('lowercases chosen ids and reads the "(none)" choice and an empty choice as no selection', () => {
    expect(task({ projectId: GUID, assigneeId: NO_CHOICE })).toMatchObject({
      projectId: GUID.toLowerCase(),
      assigneeId: undefined,
    });
    expect(task({ projectId: '' }).projectId).toBeUndefined();
    expect(refusal(() => task({ projectId: 'not-a-guid' }))).toBe(t('en', 'invalidCardData', { detail: 'projectId' }));
  });

  it('bounds the source fields of a message turned into a task', () => {
    expect(task({ sourceUrl: 'u'.repeat(2000), sourceHtml: 'h'.repeat(20_000) })).toMatchObject({
      sourceUrl: 'u'.repeat(2000),
    });
    expect(refusal(() => task({ sourceUrl: 'u'.repeat(2001) }))).toBeDefined();
    expect(refusal(() => task({ sourceHtml: 'h'.repeat(20_001) }))).toBeDefined();
    expect(refusal(() => task({ sourceText: 's'.repeat(LIMITS.description + 1) }))).toBeDefined();
  });

  it('lists every problem once, in one message', () => {
    const text = refusal(() => task({ name: '', effort: '-3', start: '2026-05-04', end: '2026-05-01' }));
    expect(text).toBe(
      [
        t('en', 'errorNameRequired'),
        t('en', 'errorEffort', { max: LIMITS.effortHours }),
        t('en', 'errorEndBeforeStart'),
      ].join(' '),
    );
  });

  it('treats missing card data as an empty form', () => {
    expect(refusal(() => parseCardData(taskFormSchema, undefined, 'en'))).toBe(t('en', 'errorNameRequired'));
  });
});

describe('project form', () => {
  const project = (data: Record<string, unknown>) => parseCardData(projectFormSchema, { name: 'Web', ...data }, 'en');

  it('accepts each priority as text or number and refuses others with the priority message', () => {
    for (const priority of ['0', '1', '2', 0, 1, 2]) expect(project({ priority }).priority).toBe(priority);
    expect(refusal(() => project({ priority: '3' }))).toBe(t('en', 'errorPriority'));
  });

  it('accepts a same-day project and refuses an end before the start', () => {
    expect(project({ start: '2026-01-01', end: '2026-01-01' }).end).toBe('2026-01-01');
    expect(refusal(() => project({ start: '2026-01-02', end: '2026-01-01' }))).toBe(t('en', 'errorEndBeforeStart'));
  });
});

describe('comment form', () => {
  const comment = (value: unknown, locale: 'en' | 'de' = 'en') =>
    parseCardData(commentSchema, { comment: value }, locale);

  it('takes a comment up to its own limit, trimmed, and names that limit when over it', () => {
    expect(comment(` ${'c'.repeat(LIMITS.comment)} `).comment).toHaveLength(LIMITS.comment);
    expect(refusal(() => comment('c'.repeat(LIMITS.comment + 1)))).toBe(
      t('en', 'errorTextTooLong', { max: LIMITS.comment }),
    );
    expect(refusal(() => comment('c'.repeat(LIMITS.comment + 1), 'de'))).toBe(
      t('de', 'errorTextTooLong', { max: LIMITS.comment }),
    );
  });

  it('asks for a comment when it is blank or missing', () => {
    expect(refusal(() => comment('  '))).toBe(t('en', 'errorCommentRequired'));
    expect(refusal(() => comment(undefined, 'de'))).toBe(t('de', 'errorCommentRequired'));
  });
});

describe('member form', () => {
  it('takes a contact and a role, and names what is missing', () => {
    expect(parseCardData(memberSchema, { projectId: GUID, contactId: GUID, role: 'team' }, 'en')).toEqual({
      projectId: GUID,
      contactId: GUID,
      role: 'team',
    });
    expect(refusal(() => parseCardData(memberSchema, { projectId: GUID, contactId: 'x', role: 'team' }, 'en'))).toBe(
      t('en', 'errorContactRequired'),
    );
    expect(refusal(() => parseCardData(memberSchema, { projectId: GUID, role: 'team' }, 'de'))).toBe(
      t('de', 'errorContactRequired'),
    );
    expect(refusal(() => parseCardData(memberSchema, { projectId: GUID, contactId: GUID, role: 'boss' }, 'en'))).toBe(
      t('en', 'errorRoleRequired'),
    );
  });

  it('maps each role to its InLoox value', () => {
    expect(roleValue('manager')).toBe(MemberRole.Manager);
    expect(roleValue('other')).toBe(MemberRole.Additional);
  });
});

describe('lists and new forms', () => {
  it('reads list paging and the "mine" and "favorites" flags, and bounds search and skip', () => {
    expect(parseCardData(listSchema, {}, 'en')).toEqual({ search: '', skip: 0, mine: false, favorites: false });
    expect(
      parseCardData(listSchema, { skip: '10000', mine: 'true', favorites: 'true', search: 's'.repeat(200) }, 'en'),
    ).toEqual({ search: 's'.repeat(200), skip: 10_000, mine: true, favorites: true });
    expect(parseCardData(listSchema, { mine: true }, 'en').mine).toBe(true);
    expect(parseCardData(listSchema, { mine: 'false' }, 'en').mine).toBe(false);
    expect(parseCardData(listSchema, { favorites: true }, 'en').favorites).toBe(true);
    expect(parseCardData(listSchema, { favorites: 'false' }, 'en').favorites).toBe(false);
    expect(refusal(() => parseCardData(listSchema, { skip: 10_001 }, 'en'))).toBeDefined();
    expect(refusal(() => parseCardData(listSchema, { skip: -1 }, 'en'))).toBeDefined();
    expect(refusal(() => parseCardData(listSchema, { search: 's'.repeat(201) }, 'en'))).toBe(
      t('en', 'errorTextTooLong', { max: LIMITS.search }),
    );
  });

  it('prefills a new form with a name up to the name limit', () => {
    expect(parseCardData(newFormSchema, {}, 'en')).toEqual({ name: '', projectId: undefined });
    expect(refusal(() => parseCardData(newFormSchema, { name: 'n'.repeat(LIMITS.name + 1) }, 'en'))).toBe(
      t('en', 'errorNameTooLong', { max: LIMITS.name }),
    );
  });

  it('refuses an id that is not a GUID, naming the field', () => {
    expect(refusal(() => parseCardData(idSchemas.task, { taskId: 'x' }, 'de'))).toBe(
      t('de', 'invalidCardData', { detail: 'taskId' }),
    );
    expect(parseCardData(idSchemas.project, { projectId: GUID }, 'en')).toEqual({ projectId: GUID });
  });
});

describe('form values kept after a failed submit', () => {
  it('keeps what was typed, cut to its bound, and blanks ids and dates that cannot be used', () => {
    expect(
      taskFormValues({
        name: 'n'.repeat(LIMITS.name * 3),
        projectId: GUID,
        assigneeId: 'nope',
        start: '2026-05-04T10:00:00Z',
        end: '2026-13-01',
        effort: '1234567890123456789012345',
        description: 'd',
      }),
    ).toEqual({
      name: 'n'.repeat(LIMITS.name * 2),
      projectId: GUID,
      start: '2026-05-04',
      end: '',
      effort: '12345678901234567890',
      assigneeId: '',
      description: 'd',
    });
    expect(taskFormValues(null)).toEqual({
      name: '',
      projectId: '',
      start: '',
      end: '',
      effort: '',
      assigneeId: '',
      description: '',
    });
  });

  it('keeps a project priority only when it is one of the three, else normal', () => {
    expect(projectFormValues({ priority: '2', clientId: GUID, name: 'P' })).toMatchObject({
      priority: '2',
      clientId: GUID,
      name: 'P',
    });
    expect(projectFormValues({ priority: '7' }).priority).toBe('1');
    expect(projectFormValues({ priority: { x: 1 } }).priority).toBe('1');
    expect(projectFormValues({ description: 'x'.repeat(LIMITS.description + 5) }).description).toHaveLength(
      LIMITS.description,
    );
  });
});

describe('InLoox inputs from forms', () => {
  it('turns a task form into a task with midnight dates in the person’s zone and only a given effort', () => {
    const form = parseCardData(
      taskFormSchema,
      { name: 'T', projectId: GUID, start: '2026-05-04', end: '2026-05-04', effort: '3' },
      'en',
    );
    expect(toTaskInput(form, 'Europe/Berlin', '<p>d</p>')).toEqual({
      Name: 'T',
      ProjectId: GUID.toLowerCase(),
      ContactId: null,
      StartDateTime: '2026-05-03T22:00:00.000Z',
      EndDateTime: '2026-05-03T22:00:00.000Z',
      WorkAmount: 3,
      DescriptionHTML: '<p>d</p>',
    });
    const bare = toTaskInput(parseCardData(taskFormSchema, { name: 'T' }, 'en'), undefined, undefined);
    expect(bare).toEqual({
      Name: 'T',
      ProjectId: null,
      ContactId: null,
      StartDateTime: null,
      EndDateTime: null,
      DescriptionHTML: null,
    });
    expect('WorkAmount' in bare).toBe(false);
  });

  it('turns a project form into a project, normal priority unless chosen', () => {
    const form = parseCardData(projectFormSchema, { name: 'P', start: '2026-01-10', priority: '2' }, 'en');
    expect(toProjectInput(form, 'UTC', undefined)).toEqual({
      Name: 'P',
      StartDate: '2026-01-10T00:00:00.000Z',
      EndDate: null,
      Priority: 2,
      ClientId: null,
      DescriptionHTML: null,
    });
    expect(toProjectInput(parseCardData(projectFormSchema, { name: 'P' }, 'en'), 'UTC', '<p/>')).toMatchObject({
      Priority: 1,
      DescriptionHTML: '<p/>',
    });
  });
});
