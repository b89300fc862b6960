/** A custom field value as a person reads it: by type, in their language and time zone. */
import type { CustomFieldDefinition } from '../inloox/custom-field-types';
import { formatDate, safeTimeZone, toDateInput, type CardContext } from './format';
import { t } from './strings';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, fractions: { min: number; max: number }): Intl.NumberFormat {
  const key = `${locale}|${fractions.min}|${fractions.max}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: fractions.min,
      maximumFractionDigits: fractions.max,
    });
    numberFormats.set(key, format);
  }
  return format;
}

const intl = (ctx: CardContext) => (ctx.locale === 'de' ? 'de-DE' : 'en-GB');

/** "HH:mm" of an instant in the person's time zone ('' for none). */
export function toTimeInput(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: safeTimeZone(timeZone),
  }).format(date);
}

/** The value as text for a card; '' when empty (the caller decides how empty looks). */
export function formatCustomValue(field: CustomFieldDefinition, value: string | null, ctx: CardContext): string {
  if (value === null || value.trim() === '') return '';
  switch (field.type) {
    case 'Boolean':
      return /^true$/i.test(value) ? t(ctx.locale, 'cfYes') : t(ctx.locale, 'cfNo');
    case 'Integer':
    case 'Decimal':
    case 'Currency': {
      const n = Number(value);
      if (!Number.isFinite(n)) return value;
      const money = field.type === 'Currency';
      const digits = money ? { min: 2, max: 2 } : field.type === 'Integer' ? { min: 0, max: 0 } : { min: 0, max: 6 };
      const text = numberFormat(intl(ctx), digits).format(n);
      const symbol = field.currencySymbol;
      if (!money || !symbol) return text;
      return ctx.locale === 'de' || symbol.length > 1 ? `${text} ${symbol}` : `${symbol}${text}`;
    }
    case 'DateTime': {
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) return value;
      const time = toTimeInput(value, ctx.timeZone);
      return time === '00:00' ? formatDate(value, ctx) : `${formatDate(value, ctx)}, ${time}`;
    }
    default:
      return value;
  }
}

/** Input.Date / Input.Time values of a stored date-time. */
export function dateTimeInputs(value: string | null, timeZone?: string): { date: string; time: string } {
  if (!value) return { date: '', time: '' };
  const time = toTimeInput(value, timeZone);
  return { date: toDateInput(value, timeZone), time: time === '00:00' ? '' : time };
}
