import { safeTimeZone, type CardContext } from '../shared/cards/format';
import { localModeGuid } from '../shared/auth/dev-identity';
import { toLocale } from '../shared/i18n';
import { isValidIdentity, type UserIdentity } from '../shared/identity';

/** The parts of an incoming activity the bot reads to know who speaks and how; structural, SDK-independent. */
export interface ActivityLike {
  locale?: string;
  localTimezone?: string;
  from?: { id?: string; aadObjectId?: string };
  conversation?: { id?: string; tenantId?: string };
  channelData?: { tenant?: { id?: string } };
  entities?: { type?: string; locale?: string; timezone?: string }[];
}

/**
 * tenant = conversation.tenantId (or channelData.tenant.id), object id = from.aadObjectId.
 * In local mode only, ids that are not GUIDs (the Agents Playground's) are mapped to stable GUIDs.
 */
export function identityFromActivity(
  activity: ActivityLike,
  options: { localMode: boolean },
): UserIdentity | undefined {
  const tenantId = activity.conversation?.tenantId || activity.channelData?.tenant?.id;
  const objectId = activity.from?.aadObjectId;
  if (typeof tenantId !== 'string' || typeof objectId !== 'string' || !tenantId || !objectId) return undefined;
  if (tenantId.length > 100 || objectId.length > 100) return undefined;
  const identity = options.localMode
    ? { tenantId: localModeGuid(tenantId), objectId: localModeGuid(objectId) }
    : { tenantId: tenantId.toLowerCase(), objectId: objectId.toLowerCase() };
  return isValidIdentity(identity) ? identity : undefined;
}

/** Language from the activity's locale (or the clientInfo entity), time zone from localTimezone or clientInfo. */
export function cardContextFromActivity(activity: ActivityLike): CardContext {
  const clientInfo = Array.isArray(activity.entities)
    ? activity.entities.find((entity) => entity && entity.type === 'clientInfo')
    : undefined;
  const locale = toLocale(typeof activity.locale === 'string' ? activity.locale : clientInfo?.locale);
  const zone = typeof activity.localTimezone === 'string' ? activity.localTimezone : clientInfo?.timezone;
  const tag = typeof activity.locale === 'string' ? activity.locale : clientInfo?.locale;
  return {
    locale,
    timeZone: safeTimeZone(typeof zone === 'string' ? zone : undefined),
    ...(typeof tag === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? { formatLocale: tag } : {}),
  };
}
