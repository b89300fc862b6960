import { describe, expect, it } from 'vitest';
import { looksLikeApiKey } from '../../bot/commands';
import { closestCommand, parseCommand } from '../../bot/registry';
import { cardContextFromActivity, identityFromActivity } from '../../bot/identity';
import { parseCardData, taskFormSchema, BadInputError, projectFormSchema, memberSchema } from '../../bot/validation';
import { isValidIdentity } from '../../shared/identity';

describe('command parsing', () => {
  it.each([
    ['help', { kind: 'command', id: 'help', argument: '' }],
    ['HILFE', { kind: 'command', id: 'help', argument: '' }],
    ['projects', { kind: 'command', id: 'projects', argument: '' }],
    ['Projekte messe', { kind: 'command', id: 'projects', argument: 'messe' }],
    ['project 2026-001', { kind: 'command', id: 'project', argument: '2026-001' }],
    ['projekt Website Relaunch', { kind: 'command', id: 'project', argument: 'Website Relaunch' }],
    ['tasks cms', { kind: 'command', id: 'tasks', argument: 'cms' }],
    ['aufgaben', { kind: 'command', id: 'tasks', argument: '' }],
    ['My Tasks', { kind: 'command', id: 'myTasks', argument: '' }],
    ['meine aufgaben', { kind: 'command', id: 'myTasks', argument: '' }],
    ['task Set up CMS', { kind: 'command', id: 'task', argument: 'Set up CMS' }],
    ['aufgabe Flyer', { kind: 'command', id: 'task', argument: 'Flyer' }],
    ['new task Call Contoso', { kind: 'command', id: 'newTask', argument: 'Call Contoso' }],
    ['neue aufgabe', { kind: 'command', id: 'newTask', argument: '' }],
    ['new project Fair 2027', { kind: 'command', id: 'newProject', argument: 'Fair 2027' }],
    ['Neues Projekt Messe', { kind: 'command', id: 'newProject', argument: 'Messe' }],
    ['connect', { kind: 'command', id: 'connect', argument: '' }],
    ['verbinden', { kind: 'command', id: 'connect', argument: '' }],
    ['disconnect', { kind: 'command', id: 'disconnect', argument: '' }],
    ['trennen', { kind: 'command', id: 'disconnect', argument: '' }],
    ['more', { kind: 'command', id: 'more', argument: '' }],
    ['Hey', { kind: 'command', id: 'greeting', argument: '' }],
    ['Guten Tag', { kind: 'command', id: 'greeting', argument: '' }],
    ['mehr', { kind: 'command', id: 'more', argument: '' }],
    ['<at>InLoox</at> my tasks', { kind: 'command', id: 'myTasks', argument: '' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('suggests the closest command for typos and refuses arguments where none belong', () => {
    expect(parseCommand('projcts')).toEqual({ kind: 'unknown', text: 'projcts', closest: 'projects' });
    expect(parseCommand('my taks')).toMatchObject({ kind: 'unknown', closest: 'my tasks' });
    expect(parseCommand('hilfe bitte')).toMatchObject({ kind: 'unknown' });
    expect(closestCommand('completely different')).toBeUndefined();
  });

  it('recognises personal access tokens in chat text', () => {
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9abc123DEF456ghi789')).toBe(true);
    expect(looksLikeApiKey('my key is a1B2c3D4e5F6g7H8i9J0k1L2m3N4')).toBe(true);
    expect(looksLikeApiKey('projects website relaunch')).toBe(false);
    expect(looksLikeApiKey('see https://app.inloox.com/project/3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBe(false);
    expect(looksLikeApiKey('new task Internationalization2026')).toBe(true);
    expect(looksLikeApiKey('new task internationalization')).toBe(false);
  });
});

describe('identity and locale from activities', () => {
  it('reads tenant and object id, and maps Playground ids to stable GUIDs in local mode only', () => {
    const teams = {
      channelId: 'msteams',
      conversation: { tenantId: '72F988BF-86F1-41AF-91AB-2D7CD011DB47' },
      from: { aadObjectId: '11111111-2222-4333-8444-555555555555' },
    };
    expect(identityFromActivity(teams, { localMode: false })).toEqual({
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      objectId: '11111111-2222-4333-8444-555555555555',
    });
    const playground = {
      channelId: 'msteams',
      conversation: { tenantId: '00000000-0000-0000-0000-0000000000001' },
      from: { aadObjectId: '00000000-0000-0000-0000-0000000000020' },
    };
    expect(identityFromActivity(playground, { localMode: false })).toBeUndefined();
    const local = identityFromActivity(playground, { localMode: true });
    expect(isValidIdentity(local)).toBe(true);
    expect(identityFromActivity(playground, { localMode: true })).toEqual(local);
    expect(
      identityFromActivity({ channelId: 'msteams', from: { aadObjectId: 'x' } }, { localMode: true }),
    ).toBeUndefined();
  });

  it('takes the language and time zone from the activity', () => {
    expect(cardContextFromActivity({ locale: 'de-DE', localTimezone: 'Europe/Berlin' })).toEqual({
      locale: 'de',
      timeZone: 'Europe/Berlin',
      formatLocale: 'de-DE',
    });
    expect(
      cardContextFromActivity({ entities: [{ type: 'clientInfo', locale: 'de-AT', timezone: 'Europe/Vienna' }] }),
    ).toEqual({ locale: 'de', timeZone: 'Europe/Vienna', formatLocale: 'de-AT' });
    expect(cardContextFromActivity({ locale: 'fr-FR', localTimezone: 'Nowhere/Land' })).toEqual({
      locale: 'en',
      timeZone: 'UTC',
      formatLocale: 'fr-FR',
    });
    expect(cardContextFromActivity({ locale: '<script>' })).toEqual({ locale: 'en', timeZone: 'UTC' });
  });
});

describe('card data validation', () => {
  const valid = {
    name: ' Write copy ',
    projectId: '11111111-1111-4111-8111-111111111111',
    start: '2026-03-01',
    end: '2026-03-05',
    effort: '2.5',
    assigneeId: 'none',
    description: '',
  };

  it('accepts a proper task form and normalizes it', () => {
    expect(parseCardData(taskFormSchema, valid, 'en')).toMatchObject({
      name: 'Write copy',
      effort: 2.5,
      assigneeId: undefined,
      start: '2026-03-01',
    });
  });

  it.each([
    [{ ...valid, end: '2026-02-01' }, /end date must not be before/],
    [{ ...valid, name: '   ' }, /enter a name/],
    [{ ...valid, name: 'x'.repeat(300) }, /too long \(at most 255/],
    [{ ...valid, projectId: 'not-a-guid' }, /data I cannot use \(projectId\)/],
    [{ ...valid, effort: '-3' }, /between 0 and 10000/],
    [{ ...valid, effort: { $gt: 1 } }, /cannot use \(effort\)/],
    [{ ...valid, start: '2026-02-30' }, /valid date/],
    [{ ...valid, description: 'x'.repeat(10_001) }, /at most 10000/],
    [{ ...valid, name: 42 }, /enter a name/],
  ])('rejects tampered task data %#', (data, message) => {
    expect(() => parseCardData(taskFormSchema, data, 'en')).toThrow(BadInputError);
    try {
      parseCardData(taskFormSchema, data, 'en');
    } catch (error) {
      expect((error as BadInputError).userText).toMatch(message);
    }
  });

  it('explains problems in German', () => {
    try {
      parseCardData(projectFormSchema, { name: 'P', start: '2026-05-01', end: '2026-04-01', priority: '1' }, 'de');
      expect.unreachable();
    } catch (error) {
      expect((error as BadInputError).userText).toBe('Das Enddatum darf nicht vor dem Startdatum liegen.');
    }
    let text = '';
    try {
      parseCardData(
        memberSchema,
        { projectId: '11111111-1111-4111-8111-111111111111', contactId: 'x', role: 'boss' },
        'de',
      );
    } catch (error) {
      text = (error as BadInputError).userText;
    }
    expect(text).toMatch(/Person aus.*Rolle aus/);
  });
});
