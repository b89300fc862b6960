import { createHash, randomUUID } from 'node:crypto';
import { AccountData } from './accountData';
import { ENTITY_SETS } from './entities/registry';
import { seedAccount } from './seed/index';
import type { SandboxStore, StoredAccount } from './store';

export interface SandboxAccount {
  apiKey: string;
  accountId: string;
  contactId: string;
  displayName: string;
  email: string;
}

export interface DemoUser {
  apiKey: string;
  firstName: string;
  lastName: string;
  email: string;
  language: 'de' | 'en';
}

/** The documented demo accounts (printed by `npm run sandbox`). */
export const DEMO_USERS: DemoUser[] = [
  { apiKey: 'demo-key-anna', firstName: 'Anna', lastName: 'Schmidt', email: 'anna.schmidt@example.de', language: 'de' },
  { apiKey: 'demo-key-ben', firstName: 'Ben', lastName: 'Carter', email: 'ben.carter@example.com', language: 'en' },
];

/**
 * Second keys of the demo accounts: a colleague of the account's user (a seeded contact, found by e-mail) with a key
 * of their own, so two people of one account can work at once (project request reviewers, per-user favorites).
 */
export interface DemoColleague {
  apiKey: string;
  /** The key of the account the colleague belongs to. */
  of: string;
  email: string;
  language: 'de' | 'en';
}

export const DEMO_COLLEAGUES: DemoColleague[] = [
  { apiKey: 'demo-key-jonas', of: 'demo-key-ben', email: 'jonas.weber@example.de', language: 'de' },
  { apiKey: 'demo-key-emily', of: 'demo-key-anna', email: 'emily.clarke@example.com', language: 'en' },
];

export function hashKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

export interface OpenAccounts {
  byHash: Map<string, AccountData>;
  byAccountId: Map<string, AccountData>;
  accounts: SandboxAccount[];
}

/** Opens (creating and seeding on first use) one account per API key; the store keeps only the key's hash. */
export function openAccounts(
  store: SandboxStore,
  keys: string[],
  seed: boolean,
  clock: () => number = Date.now,
): OpenAccounts {
  const result: OpenAccounts = { byHash: new Map(), byAccountId: new Map(), accounts: [] };
  const colleagues = DEMO_COLLEAGUES.filter((c) => keys.includes(c.apiKey) && keys.includes(c.of));
  for (const apiKey of keys) {
    if (colleagues.some((c) => c.apiKey === apiKey)) continue;
    const keyHash = hashKey(apiKey);
    const demo = DEMO_USERS.find((u) => u.apiKey === apiKey);
    let stored = store.findAccount(keyHash);
    const isNew = !stored;
    if (!stored) {
      const suffix = keyHash.slice(0, 6);
      const firstName = demo?.firstName ?? 'Sandbox';
      const lastName = demo?.lastName ?? `User ${suffix}`;
      stored = {
        accountId: randomUUID(),
        keyHash,
        contactId: randomUUID(),
        displayName: `${firstName} ${lastName}`,
        email: demo?.email ?? `user-${suffix}@sandbox.example`,
        seeded: false,
      } satisfies StoredAccount;
      store.saveAccount(stored);
    }
    const data = new AccountData(
      store,
      ENTITY_SETS,
      {
        accountId: stored.accountId,
        contactId: stored.contactId,
        language: demo?.language ?? 'en',
      },
      clock,
    );
    if (isNew) {
      const [firstName, ...rest] = stored.displayName.split(' ');
      store.transaction(() =>
        data.put('Contact', stored.contactId, {
          ContactId: stored.contactId,
          FirstName: firstName,
          LastName: rest.join(' '),
          DisplayName: stored.displayName,
          Email: stored.email,
          IsIdentity: true,
          InvitationAccepted: true,
          CalendarId: randomUUID(),
          TimeZoneInfo: demo?.language === 'de' ? 'W. Europe Standard Time' : 'GMT Standard Time',
        }),
      );
    }
    if (seed && !stored.seeded) {
      store.transaction(() => seedAccount(data, clock()));
      store.saveAccount({ ...stored, seeded: true });
    }
    result.byHash.set(keyHash, data);
    result.byAccountId.set(stored.accountId, data);
    result.accounts.push({
      apiKey,
      accountId: stored.accountId,
      contactId: stored.contactId,
      displayName: stored.displayName,
      email: stored.email,
    });
  }
  for (const colleague of colleagues) openColleague(result, colleague, clock);
  return result;
}

/** A colleague's key works in the account of `of` as that seeded contact; without the contact it stays unknown. */
function openColleague(result: OpenAccounts, colleague: DemoColleague, clock?: () => number): void {
  const owner = result.byHash.get(hashKey(colleague.of));
  const contact = owner?.raw('Contact').find((c) => c.Email === colleague.email);
  if (!owner || !contact) return;
  const data = new AccountData(
    owner.store,
    ENTITY_SETS,
    {
      accountId: owner.accountId,
      contactId: contact.ContactId as string,
      language: colleague.language,
    },
    clock,
    owner.sync,
  );
  result.byHash.set(hashKey(colleague.apiKey), data);
  result.accounts.push({
    apiKey: colleague.apiKey,
    accountId: owner.accountId,
    contactId: contact.ContactId as string,
    displayName: String(contact.DisplayName ?? colleague.email),
    email: colleague.email,
  });
}
