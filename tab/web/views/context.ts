import type { Locale } from '../../../ui/i18n';
import type { Translate } from '../../../ui/i18n';
import type { TabMessageKey } from '../messages';

/**
 * What every view needs: the language and the texts. Web links (InLoox, token help) are plain target=_blank anchors,
 * which Teams opens in the browser; Teams deep links go through the controller (TeamsHost.openLink).
 */
export interface ViewContext {
  locale: Locale;
  t: Translate<TabMessageKey>;
}
