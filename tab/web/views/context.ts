import type { Locale } from '../../../ui/i18n';
import type { Translate } from '../../../ui/i18n';
import type { TabMessageKey } from '../messages';

/** What every view needs: the language, the texts and how to open links (through Teams when inside Teams). */
export interface ViewContext {
  locale: Locale;
  t: Translate<TabMessageKey>;
  openLink(url: string): void;
}
