/** The product speaks English and German; every user-facing text exists in both. */
export type Locale = 'en' | 'de';

export type Localized = Record<Locale, string>;

/** Maps a BCP-47 tag from Teams, Office or a browser ("de-DE", "de", "en-US") to a supported locale. */
export function toLocale(tag: string | undefined | null): Locale {
  return typeof tag === 'string' && /^de\b/i.test(tag.trim()) ? 'de' : 'en';
}
