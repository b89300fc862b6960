import { safeTimeZone, type CardContext } from '../shared/cards/format';
import { localModeGuid } from '../shared/auth/dev-identity';
import { toLocale } from '../shared/i18n';
import { isValidIdentity, type UserIdentity } from '../shared/identity';

/** The parts of an incoming activity the bot reads to know who speaks and how; structural, SDK-independent. */
export interface ActivityLike {
  channelId?: string;
  locale?: string;
  localTimezone?: string;
  from?: { id?: string; aadObjectId?: string };
  conversation?: { id?: string; tenantId?: string };
  channelData?: { tenant?: { id?: string } };
  entities?: { type?: string; locale?: string; timezone?: string }[];
}

/**
 * Channels whose activities carry a Microsoft 365 identity we trust: Teams, and the Microsoft 365 channel that
 * delivers the message extension in Outlook. Other channels (Web Chat, Direct Line, …) let the sender fill
 * `from.aadObjectId` and the tenant freely, so they never get an identity.
 */
export const IDENTITY_CHANNELS: ReadonlySet<string> = new Set(['msteams', 'm365extensions']);

export interface IdentityOptions {
  localMode: boolean;
  /** A single-tenant bot (MicrosoftAppTenantId): people of every other tenant get no identity. */
  tenantId?: string;
}

/**
 * tenant = conversation.tenantId, object id = from.aadObjectId, only from IDENTITY_CHANNELS; a differing
 * channelData.tenant.id makes the activity ambiguous and yields no identity.
 * In local mode only, ids that are not GUIDs (the Agents Playground's) are mapped to stable GUIDs.
 */
export function identityFromActivity(activity: ActivityLike, options: IdentityOptions): UserIdentity | undefined {
  if (typeof activity.channelId !== 'string' || !IDENTITY_CHANNELS.has(activity.channelId)) return undefined;
  const tenantId = activity.conversation?.tenantId;
  const objectId = activity.from?.aadObjectId;
  if (typeof tenantId !== 'string' || typeof objectId !== 'string' || !tenantId || !objectId) return undefined;
  if (tenantId.length > 100 || objectId.length > 100) return undefined;
  const channelTenant = activity.channelData?.tenant?.id;
  if (typeof channelTenant === 'string' && channelTenant.toLowerCase() !== tenantId.toLowerCase()) return undefined;
  const identity = options.localMode
    ? { tenantId: localModeGuid(tenantId), objectId: localModeGuid(objectId) }
    : { tenantId: tenantId.toLowerCase(), objectId: objectId.toLowerCase() };
  if (options.tenantId && identity.tenantId !== options.tenantId.toLowerCase()) return undefined;
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
