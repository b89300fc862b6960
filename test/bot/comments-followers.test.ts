/** Project comments (latest on the card, all with paging, delete by the author) and followers, over HTTP, en and de. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { assertValidCard } from '../helpers/cards';
import { actionsOf, cardText, connectNewUser, startBotHarness, type BotHarness, type TeamsUser } from './harness';

let bot: BotHarness;
let ben: TeamsUser;
let jonas: TeamsUser;
let website: string;
let benApi: InLooxApi;

beforeAll(async () => {
  bot = await startBotHarness();
  ben = await connectNewUser(bot, 'Ben', 'demo-key-ben');
  jonas = await connectNewUser(bot, 'Jonas', 'demo-key-jonas');
  benApi = await bot.connections.apiFor(ben);
  website = (await benApi.findProject('Website Relaunch'))!.ProjectId;
});
afterAll(async () => bot?.close());

async function run(user: TeamsUser, verb: string, data: Record<string, unknown>, locale = 'en-US') {
  const card = await bot.execute(verb, data, { user, locale, timeZone: 'Europe/Berlin' });
  await assertValidCard(card);
  return card;
}

const verbs = (card: unknown) => actionsOf(card).map((a) => a.verb);
const notes = () =>
  bot.sandbox
    .data('demo-key-ben')
    .list('ProjectNote')
    .filter((n) => n.ProjectId === website);

describe('comments on the project card', () => {
  it('shows the latest comments with author and time in the person\'s locale, and "show more" beyond three', async () => {
    const card = await run(ben, 'project.show', { projectId: website });
    const text = cardText(card);
    expect(text).toContain('Latest comments');
    expect(text).toContain('Kick-off done. Mockups are approved.');
    expect(text).toMatch(/Jonas Weber · \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M/);
    expect(text).toContain('Die Texte für die Produktseiten kommen am Freitag.');
    expect(verbs(card)).not.toContain('project.comments');

    for (const n of [1, 2]) {
      await benApi.addProjectNote(website, `<p>Status ${n}</p>`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const more = await run(ben, 'project.show', { projectId: website }, 'de-DE');
    expect(cardText(more)).toContain('Neueste Kommentare');
    expect(cardText(more)).toMatch(/Ben Carter · \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect(cardText(more)).not.toContain('Die Texte für die Produktseiten');
    expect(actionsOf(more).find((a) => a.verb === 'project.comments')?.title).toBe('Weitere Kommentare');
  });

  it('lists all comments newest first; only my own have Delete', async () => {
    const card = await run(ben, 'project.comments', { projectId: website, skip: 0 });
    const text = cardText(card);
    expect(text.indexOf('Status 2')).toBeLessThan(text.indexOf('Status 1'));
    expect(text).toContain('Die Texte für die Produktseiten');
    const deletes = actionsOf(card).filter((a) => a.verb === 'project.comment.delete');
    const jonasNote = notes().find((n) => String(n.Note).includes('Produktseiten'))!;
    expect(deletes).toHaveLength(notes().length - 1);
    expect(deletes.map((a) => a.data.noteId)).not.toContain(jonasNote.ProjectNoteId);
  });
});

describe('deleting a comment', () => {
  it('asks first, deletes once, and a second press answers that it is gone', async () => {
    const mine = notes().find((n) => n.Note === 'Status 1')!;
    const data = { projectId: website, noteId: mine.ProjectNoteId };
    const confirm = await run(ben, 'project.comment.delete', data);
    expect(cardText(confirm)).toContain('Delete this comment?');
    expect(cardText(confirm)).toContain('"Status 1"');
    expect(verbs(confirm)).toEqual(['project.comment.delete.confirm', 'project.comments']);
    expect(notes().some((n) => n.ProjectNoteId === mine.ProjectNoteId)).toBe(true);

    const done = await run(ben, 'project.comment.delete.confirm', data);
    expect(cardText(done)).toContain('Comment deleted.');
    expect(cardText(done)).not.toContain('Status 1');
    expect(notes().some((n) => n.ProjectNoteId === mine.ProjectNoteId)).toBe(false);

    bot.sandbox.requestLog.clear();
    const again = await run(ben, 'project.comment.delete.confirm', data, 'de-DE');
    expect(cardText(again)).toContain('gibt es in InLoox nicht mehr');
    expect(bot.sandbox.requestLog.entries().filter((e) => e.method === 'POST')).toEqual([]);
  });

  it("refuses someone else's comment with a clear message, in both languages, and keeps it", async () => {
    const jonasNote = notes().find((n) => String(n.Note).includes('Produktseiten'))!;
    const data = { projectId: website, noteId: jonasNote.ProjectNoteId };
    expect(cardText(await run(ben, 'project.comment.delete', data))).toContain('Only the author');
    expect(cardText(await run(ben, 'project.comment.delete.confirm', data, 'de-DE'))).toContain(
      'Nur wer einen Kommentar geschrieben hat',
    );
    expect(notes().some((n) => n.ProjectNoteId === jonasNote.ProjectNoteId)).toBe(true);
    // Its author may.
    expect(cardText(await run(jonas, 'project.comment.delete.confirm', data))).toContain('Comment deleted.');
    expect(notes().some((n) => n.ProjectNoteId === jonasNote.ProjectNoteId)).toBe(false);
  });

  it('checks ids before anything is sent', async () => {
    bot.sandbox.requestLog.clear();
    const card = await run(ben, 'project.comment.delete.confirm', { projectId: website, noteId: 'x' });
    expect(cardText(card)).toMatch(/not valid|invalid/i);
    expect(bot.sandbox.requestLog.entries()).toEqual([]);
  });
});

describe('followers', () => {
  it('lists followers and lets me unfollow and follow again, in English and German', async () => {
    const card = await run(ben, 'project.show', { projectId: website });
    expect(cardText(card)).toContain('Followers: Ben Carter, Emily Clarke');
    expect(verbs(card)).toContain('project.unfollow');
    expect(verbs(card)).not.toContain('project.follow');

    const left = await run(ben, 'project.unfollow', { projectId: website });
    expect(cardText(left)).toContain('You no longer get the notifications of this project.');
    expect(cardText(left)).toContain('Followers: Emily Clarke');
    expect(verbs(left)).toContain('project.follow');
    expect((await benApi.listFollowers(website)).map((c) => c.DisplayName)).toEqual(['Emily Clarke']);
    // A second press (an old card) changes nothing and fails nothing.
    expect(cardText(await run(ben, 'project.unfollow', { projectId: website }))).toContain('no longer get');

    const back = await run(ben, 'project.follow', { projectId: website }, 'de-DE');
    expect(cardText(back)).toContain('Sie erhalten jetzt die Benachrichtigungen dieses Projekts.');
    expect(cardText(back)).toContain('Follower: Emily Clarke, Ben Carter');
    expect(actionsOf(back).find((a) => a.verb === 'project.unfollow')?.title).toBe('Nicht mehr folgen');
    await run(ben, 'project.follow', { projectId: website });
    expect((await benApi.listFollowers(website)).map((c) => c.DisplayName)).toEqual(['Emily Clarke', 'Ben Carter']);
  });

  it('each person follows as themselves', async () => {
    await run(jonas, 'project.follow', { projectId: website }, 'de-DE');
    const names = (await benApi.listFollowers(website)).map((c) => c.DisplayName);
    expect(names).toContain('Jonas Weber');
    const forBen = await run(ben, 'project.show', { projectId: website });
    expect(verbs(forBen)).toContain('project.unfollow');
  });

  it('an unknown project is a clear message, not a 500', async () => {
    const card = await run(ben, 'project.follow', { projectId: '00000000-0000-4000-8000-000000000000' });
    expect(cardText(card)).toMatch(/not found|no longer|does not exist/i);
  });
});
