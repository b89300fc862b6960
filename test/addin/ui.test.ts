import { describe, expect, it, vi } from 'vitest';
import { ApiError, fetchJson } from '../../ui/api';
import {
  addDays,
  dateInputToIso,
  formatDate,
  formatTime,
  isoToDateInput,
  parseDateInput,
  toDateInputValue,
} from '../../ui/dates';
import { createTranslator } from '../../ui/i18n';
import { isDarkTheme, luminance } from '../../ui/theme';

describe('ui dates', () => {
  it('round-trips calendar days and rejects impossible ones', () => {
    expect(toDateInputValue(new Date(2025, 0, 5))).toBe('2025-01-05');
    expect(parseDateInput('2025-02-29')).toBeUndefined();
    expect(parseDateInput('2024-02-29')?.getDate()).toBe(29);
    expect(parseDateInput('29.02.2024')).toBeUndefined();
    expect(addDays('2025-03-28', 7)).toBe('2025-04-04');
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
  });

  it('turns a day into working-hour instants of the local zone and back', () => {
    expect(dateInputToIso('2025-04-08', 'start')).toBe(new Date(2025, 3, 8, 8).toISOString());
    expect(dateInputToIso('2025-04-08', 'end')).toBe(new Date(2025, 3, 8, 17).toISOString());
    expect(isoToDateInput(dateInputToIso('2025-04-08', 'end'))).toBe('2025-04-08');
    expect(isoToDateInput('nonsense')).toBeUndefined();
    expect(() => dateInputToIso('2025-13-01', 'start')).toThrow(RangeError);
  });

  it('formats dates in English and German', () => {
    expect(formatDate('2025-03-03', 'en')).toBe('Mon, 3 March 2025');
    expect(formatDate('2025-03-03', 'de')).toBe('Mo., 3. März 2025');
  });

  it('formats a time of day on the 24-hour clock in both languages', () => {
    const afternoon = new Date(2025, 2, 3, 14, 5);
    expect(formatTime(afternoon, 'en')).toBe('14:05');
    expect(formatTime(afternoon, 'de')).toBe('14:05');
  });
});

describe('ui i18n', () => {
  const t = createTranslator(
    { en: { hello: 'Hello {name}', only: 'English only' }, de: { hello: 'Hallo {name}', only: '' } },
    'de',
  );
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(t('hello', { name: 'Anna' })).toBe('Hallo Anna');
    expect(t('hello')).toBe('Hallo {name}');
  });
});

describe('ui theme', () => {
  it('tells dark from light Office themes', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(luminance('#000')).toBe(0);
    expect(isDarkTheme({ bodyBackgroundColor: '#292929' })).toBe(true);
    expect(isDarkTheme({ bodyBackgroundColor: '#ffffff' })).toBe(false);
    expect(isDarkTheme({ bodyBackgroundColor: '#ffffff', isDarkTheme: true })).toBe(true);
    expect(isDarkTheme({ bodyBackgroundColor: 'not a color' })).toBe(false);
    expect(isDarkTheme(undefined)).toBe(false);
  });
});

describe('ui fetchJson', () => {
  const respond = (status: number, body: string) => vi.fn(async () => new Response(body, { status }));

  it('sends JSON with the token and language, and returns the parsed body', async () => {
    const fetchImpl = respond(200, '{"ok":true}');
    await expect(fetchJson('/x', { body: { a: 1 }, token: 't', locale: 'de', fetchImpl })).resolves.toEqual({
      ok: true,
    });
    const [, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers).toMatchObject({
      Authorization: 'Bearer t',
      'Accept-Language': 'de',
      'Content-Type': 'application/json',
    });
  });

  it('turns typed error bodies into ApiError', async () => {
    const fetchImpl = respond(409, '{"error":{"code":"not_connected","message":"Bitte verbinden","field":"x"}}');
    const error = await fetchJson('/x', { fetchImpl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'not_connected', message: 'Bitte verbinden', field: 'x' });
  });

  it('explains network failures and malformed answers in the user language', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(fetchJson('/x', { fetchImpl: down, locale: 'de' })).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('nicht erreichbar'),
    });
    await expect(fetchJson('/x', { fetchImpl: respond(502, '<html>bad gateway</html>') })).rejects.toMatchObject({
      code: 'bad_response',
      status: 502,
    });
  });
});
