import { describe, expect, it } from 'vitest';
import { durationProblemText, formatMinutes, parseDuration, roundMinutes } from '../../shared/domain/duration';

describe('parseDuration', () => {
  it.each([
    ['1.5h', 90],
    ['1,5 h', 90],
    ['1,5h', 90],
    ['90m', 90],
    ['90 min', 90],
    ['45 Minuten', 45],
    ['1:30', 90],
    ['0:05', 5],
    ['2', 120],
    ['2 Std.', 120],
    ['1 Stunde', 60],
    ['1h 30m', 90],
    ['1h30min', 90],
    ['.5h', 30],
    ['24h', 1440],
    ['1.51h', 91],
    ['  3H ', 180],
  ])('reads %s as %i minutes', (input, minutes) => {
    expect(parseDuration(input)).toEqual({ ok: true, minutes });
  });

  it.each([
    ['', 'duration_required'],
    ['   ', 'duration_required'],
    ['0', 'duration_zero'],
    ['0h', 'duration_zero'],
    ['0:00', 'duration_zero'],
    ['0.001h', 'duration_zero'],
    ['-1h', 'duration_zero'],
    ['-90m', 'duration_zero'],
    ['24:01', 'duration_too_long'],
    ['25h', 'duration_too_long'],
    ['1441m', 'duration_too_long'],
    ['abc', 'duration_unreadable'],
    ['1.5 days', 'duration_unreadable'],
    ['1:75', 'duration_unreadable'],
    ['1.5.2h', 'duration_unreadable'],
    ['h', 'duration_unreadable'],
    ['-abc', 'duration_unreadable'],
    ['1e3m', 'duration_unreadable'],
    ['Infinity', 'duration_unreadable'],
    ['1'.repeat(40), 'duration_unreadable'],
  ])('refuses %j with %s', (input, problem) => {
    expect(parseDuration(input)).toEqual({ ok: false, problem });
  });

  it('explains every refusal in English and German with an example that works', () => {
    expect(durationProblemText('duration_unreadable', 'en', 'soon')).toBe(
      'I cannot read "soon" as a duration (for example 1.5h, 90m or 1:30).',
    );
    expect(durationProblemText('duration_too_long', 'de')).toBe(
      'Ein Eintrag darf höchstens 24 Stunden lang sein (zum Beispiel 1,5h, 90m oder 1:30).',
    );
    for (const example of ['1.5h', '90m', '1:30', '1,5h']) expect(parseDuration(example).ok).toBe(true);
  });

  it('formats and rounds minutes', () => {
    expect(formatMinutes(95, 'en')).toBe('1:35 h');
    expect(formatMinutes(5, 'de')).toBe('0:05 Std.');
    expect(roundMinutes(42)).toBe(40);
    expect(roundMinutes(43)).toBe(45);
    expect(roundMinutes(1)).toBe(5);
    expect(roundMinutes(0)).toBe(5);
  });
});
