import type { AccountData, BoundOperation, EntityModule } from '../accountData';
import type { Row } from '../odata/metadata';
import { define } from './define';

const set = define('UserInfo', {});

/** The signed-in user (the API key's owner), from their contact and the account's language. */
export function userInfo(data: AccountData): Row {
  const contact = data.rawOne('Contact', data.profile.contactId) ?? {};
  const german = data.profile.language === 'de';
  return data.withDefaults(set, {
    ContactId: data.profile.contactId,
    FirstName: contact.FirstName ?? null,
    LastName: contact.LastName ?? null,
    DisplayName: contact.DisplayName ?? null,
    Email: contact.Email ?? null,
    ImageId: null,
    NotifyFrequency: 1,
    TimeZoneInfo: german ? 'W. Europe Standard Time' : 'GMT Standard Time',
    EmailConfirmed: true,
    IsReader: false,
    UILanguage: german ? 'de-DE' : 'en-US',
  });
}

const me: BoundOperation = {
  kind: 'function',
  binding: 'collection',
  handler: ({ data }) => ({ set: 'UserInfo', rows: [userInfo(data)], query: true }),
};

export const userInfoSet: EntityModule = {
  set,
  list: (data) => [userInfo(data)],
  get: (data, id) => (id === data.profile.contactId ? userInfo(data) : undefined),
  operations: { Me: me },
};
