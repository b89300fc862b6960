import type { Locale } from '../../../ui/i18n';
import type { Translate } from '../../../ui/i18n';
import type { TabMessageKey } from '../messages';
import type { TabCustomFields } from '../../custom-field-types';

export type FieldsKind = 'tasks' | 'projects';

export interface FieldsLoader {
  load(kind: FieldsKind, id: string): Promise<TabCustomFields>;
  /** `kind:id` of the disclosures the person opened. */
  open: Set<string>;
}

/**
 * What every view needs: the language and the texts. Web links (InLoox, token help) are plain target=_blank anchors,
 * which Teams opens in the browser; Teams deep links go through the controller (TeamsHost.openLink).
 */
export interface ViewContext {
  locale: Locale;
  t: Translate<TabMessageKey>;
  /** Reads a task's or project's custom fields for their details (absent: no details shown). */
  fields?: FieldsLoader;
}
