import { toLocale, type Locale } from '../shared/i18n';

export type { Locale };
export { toLocale };

export type Messages<K extends string> = Record<Locale, Record<K, string>>;
export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/**
 * Returns a lookup for one locale. Placeholders are written `{name}`; a missing parameter stays visible
 * so a forgotten value is noticed instead of silently disappearing.
 */
export function createTranslator<K extends string>(messages: Messages<K>, locale: Locale): Translate<K> {
  const table = messages[locale] ?? messages.en;
  return (key, params) => {
    const text = table[key] ?? messages.en[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
    );
  };
}
