import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  getAccessToken,
  getAppointment,
  getBodyHtml,
  getDisplayLanguage,
  getInlineImages,
  getItem,
  getTheme,
  onItemChanged,
  onThemeChanged,
  OfficeError,
  ready,
  textToHtml,
} from '../../addin/web/office';

type Callback = (result: { status: string; value: unknown; error?: { code: number; message: string } }) => void;

function succeed(cb: Callback, value: unknown) {
  setTimeout(() => cb({ status: 'succeeded', value }), 0);
}
function fail(cb: Callback, code: number, message: string) {
  setTimeout(() => cb({ status: 'failed', value: undefined, error: { code, message } }), 0);
}

function stubOffice(item: Record<string, unknown> | null, extra: Record<string, unknown> = {}) {
  const handlers: Array<(args?: unknown) => void> = [];
  const office = {
    onReady: vi.fn(async () => ({ host: 'Outlook', platform: 'OfficeOnline' })),
    context: {
      displayLanguage: 'de-DE',
      officeTheme: { bodyBackgroundColor: '#292929', bodyForegroundColor: '#ffffff' },
      mailbox: {
        item,
        addHandlerAsync: vi.fn((type: string, handler: (args?: unknown) => void, cb: Callback) => {
          handlers.push(handler);
          succeed(cb, undefined);
        }),
      },
    },
    auth: { getAccessToken: vi.fn(async () => 'token-123') },
    CoercionType: { Html: 'html', Text: 'text' },
    EventType: { ItemChanged: 'olkItemSelectedChanged' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    ...extra,
  };
  vi.stubGlobal('Office', office);
  return { office, handlers };
}

function mailItem(overrides: Record<string, unknown> = {}) {
  return {
    itemId: 'AAMk-1',
    subject: 'RE: Budget 2025',
    from: { displayName: 'Anna Becker', emailAddress: 'anna@contoso.example' },
    to: [{ displayName: 'Jonas', emailAddress: 'jonas@contoso.example' }, { emailAddress: 'team@contoso.example' }],
    cc: [],
    dateTimeCreated: new Date('2025-04-08T09:12:00Z'),
    attachments: [
      { id: 'a1', name: 'logo.png', contentType: 'image/png', size: 150, isInline: true, contentId: 'logo@x' },
      { id: 'a2', name: 'plan.pdf', contentType: 'application/pdf', size: 9000, isInline: false },
    ],
    body: {
      getAsync: vi.fn((type: string, _options: unknown, cb: Callback) =>
        succeed(cb, type === 'html' ? '<p>Hello <b>team</b></p>' : 'Hello team'),
      ),
    },
    getAttachmentContentAsync: vi.fn((id: string, _options: unknown, cb: Callback) =>
      id === 'a1' ? succeed(cb, { format: 'base64', content: 'iVBORw0KGgo=' }) : fail(cb, 9010, 'not found'),
    ),
    ...overrides,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('office module', () => {
  it('waits for Office.onReady', async () => {
    const { office } = stubOffice(mailItem());
    await expect(ready()).resolves.toEqual({ host: 'Outlook', platform: 'OfficeOnline' });
    expect(office.onReady).toHaveBeenCalledOnce();
  });

  it('gives up waiting when Office never gets ready', async () => {
    stubOffice(mailItem(), { onReady: () => new Promise(() => undefined) });
    await expect(ready(20)).rejects.toMatchObject({ name: 'OfficeError' });
  });

  it('fails clearly when Office.js is not loaded', () => {
    vi.stubGlobal('Office', undefined);
    expect(() => getItem()).toThrow(OfficeError);
  });

  it('maps the read item into plain data', () => {
    stubOffice(mailItem({ end: new Date('2025-05-01T15:00:00Z') }));
    const item = getItem()!;
    expect(item.subject).toBe('RE: Budget 2025');
    expect(item.from).toEqual({ name: 'Anna Becker', email: 'anna@contoso.example' });
    expect(item.to).toEqual([
      { name: 'Jonas', email: 'jonas@contoso.example' },
      { name: 'team@contoso.example', email: 'team@contoso.example' },
    ]);
    expect(item.cc).toEqual([]);
    expect(item.date?.toISOString()).toBe('2025-04-08T09:12:00.000Z');
    expect(item.dueDate?.toISOString()).toBe('2025-05-01T15:00:00.000Z');
    expect(item.attachments.map((a) => [a.name, a.isInline, a.contentId])).toEqual([
      ['logo.png', true, 'logo@x'],
      ['plan.pdf', false, undefined],
    ]);
  });

  it('gives undefined when no item is selected and tolerates missing fields', () => {
    stubOffice(null);
    expect(getItem()).toBeUndefined();
    stubOffice({ itemId: 'x' });
    expect(getItem()).toEqual({
      itemId: 'x',
      subject: '',
      from: undefined,
      to: [],
      cc: [],
      date: undefined,
      dueDate: undefined,
      attachments: [],
    });
  });

  it('reads the body with HTML coercion', async () => {
    const item = mailItem();
    stubOffice(item);
    await expect(getBodyHtml()).resolves.toBe('<p>Hello <b>team</b></p>');
    expect(item.body.getAsync).toHaveBeenCalledWith('html', {}, expect.any(Function));
  });

  it('falls back to the text body, escaped, when HTML is refused', async () => {
    const item = mailItem({
      body: {
        getAsync: vi.fn((type: string, _o: unknown, cb: Callback) =>
          type === 'html' ? fail(cb, 9000, 'no html') : succeed(cb, 'a < b & c\nline 2\n\nnext <script>'),
        ),
      },
    });
    stubOffice(item);
    await expect(getBodyHtml()).resolves.toBe('<p>a &lt; b &amp; c<br>line 2</p><p>next &lt;script&gt;</p>');
  });

  it('gives an empty body for items without one', async () => {
    stubOffice(mailItem({ body: undefined }));
    await expect(getBodyHtml()).resolves.toBe('');
    stubOffice(mailItem({ body: { getAsync: (_t: string, _o: unknown, cb: Callback) => succeed(cb, '') } }));
    await expect(getBodyHtml()).resolves.toBe('');
  });

  it('reads inline images as data URLs and skips what it cannot embed', async () => {
    const item = mailItem();
    stubOffice(item);
    const refs = getItem()!.attachments;
    await expect(getInlineImages(refs)).resolves.toEqual({ 'logo@x': 'data:image/png;base64,iVBORw0KGgo=' });
    // Only inline attachments are fetched.
    expect(item.getAttachmentContentAsync).toHaveBeenCalledTimes(1);
    // Too large by declared size: not fetched at all.
    await expect(getInlineImages(refs, 100)).resolves.toEqual({});
    // A failing fetch is left out instead of rejecting.
    const broken = refs.map((r) => ({ ...r, id: 'missing' }));
    await expect(getInlineImages(broken)).resolves.toEqual({});
  });

  it('registers for ItemChanged and calls back on every change', async () => {
    const { office, handlers } = stubOffice(mailItem());
    const changed = vi.fn();
    await onItemChanged(changed);
    expect(office.context.mailbox.addHandlerAsync).toHaveBeenCalledWith(
      'olkItemSelectedChanged',
      expect.any(Function),
      expect.any(Function),
    );
    handlers[0]!();
    handlers[0]!();
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('rejects with the Office error code when the handler cannot be added', async () => {
    stubOffice(mailItem());
    const office = (globalThis as unknown as { Office: { context: { mailbox: { addHandlerAsync: unknown } } } }).Office;
    office.context.mailbox.addHandlerAsync = (_t: string, _h: unknown, cb: Callback) => fail(cb, 5001, 'unsupported');
    await expect(onItemChanged(() => undefined)).rejects.toMatchObject({ name: 'OfficeError', code: 5001 });
  });

  it('passes theme changes on with the new colours', async () => {
    const { office, handlers } = stubOffice(mailItem());
    const changed = vi.fn();
    await onThemeChanged(changed);
    expect(office.context.mailbox.addHandlerAsync).toHaveBeenCalledWith(
      'officeThemeChanged',
      expect.any(Function),
      expect.any(Function),
    );
    handlers[0]!({ officeTheme: { bodyBackgroundColor: '#ffffff' } } as never);
    expect(changed).toHaveBeenCalledWith({ bodyBackgroundColor: '#ffffff' });
    handlers[0]!();
    expect(changed).toHaveBeenLastCalledWith({ bodyBackgroundColor: '#292929', bodyForegroundColor: '#ffffff' });
  });

  it('reports language and theme, with defaults', () => {
    stubOffice(mailItem());
    expect(getDisplayLanguage()).toBe('de-DE');
    expect(getTheme()).toEqual({ bodyBackgroundColor: '#292929', bodyForegroundColor: '#ffffff' });
    const { office } = stubOffice(mailItem());
    (office.context as { displayLanguage?: string }).displayLanguage = undefined;
    expect(getDisplayLanguage()).toBe('en-US');
  });

  it('asks Office for an SSO token and passes Office errors on with their code', async () => {
    const { office } = stubOffice(mailItem());
    await expect(getAccessToken()).resolves.toBe('token-123');
    expect(office.auth.getAccessToken).toHaveBeenCalledWith(expect.objectContaining({ allowSignInPrompt: true }));
    office.auth.getAccessToken.mockRejectedValueOnce({ code: 13003, message: 'User type not supported' });
    await expect(getAccessToken()).rejects.toMatchObject({
      name: 'OfficeError',
      code: 13003,
      message: 'User type not supported',
    });
    stubOffice(mailItem(), { auth: undefined });
    await expect(getAccessToken()).rejects.toMatchObject({ code: 13000 });
  });

  it('converts plain text to HTML keeping paragraphs and line breaks', () => {
    expect(textToHtml('Grüße\r\nAnna\n\n日本語 "x"')).toBe('<p>Grüße<br>Anna</p><p>日本語 &quot;x&quot;</p>');
  });
});

describe('getAppointment', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads an appointment in read mode: ids, subject, start, end, location', () => {
    stubOffice({
      itemType: 'appointment',
      itemId: 'AAMkOccurrence=',
      seriesId: 'AAMkSeries=',
      subject: 'Weekly sync',
      start: new Date('2026-03-11T09:00:00Z'),
      end: '2026-03-11T09:45:00Z',
      location: ' Room 4 ',
    });
    expect(getAppointment()).toEqual({
      itemId: 'AAMkOccurrence=',
      seriesId: 'AAMkSeries=',
      subject: 'Weekly sync',
      start: new Date('2026-03-11T09:00:00Z'),
      end: new Date('2026-03-11T09:45:00Z'),
      location: 'Room 4',
    });
  });

  it('is undefined for a mail, a meeting request (a message with start and end) and an appointment without times', () => {
    stubOffice(mailItem({ itemType: 'message' }));
    expect(getAppointment()).toBeUndefined();
    stubOffice(mailItem({ itemType: 'message', start: new Date(), end: new Date() }));
    expect(getAppointment()).toBeUndefined();
    stubOffice({ itemType: 'appointment', subject: 'x', start: 'soon' });
    expect(getAppointment()).toBeUndefined();
    stubOffice(null);
    expect(getAppointment()).toBeUndefined();
  });
});
