/** What every card module uses: choices, tones, limits, action and fact helpers, and InLoox names for display. */
import { LIMITS } from '../domain/limits';
import type { Locale } from '../i18n';
import type { Contact, Project } from '../inloox/types';
import { MemberRole } from '../inloox/types';
import { truncate } from './format';
import type { CardAction } from './render';
import { t } from './strings';
import type { Verb } from './verbs';

export type Tone = 'default' | 'good' | 'attention' | 'warning' | 'accent';

export interface Choice {
  title: string;
  value: string;
}

/** The green line on top of a card after something worked ("Task created."). */
export interface Banner {
  text: string;
  tone: Tone;
}

/** Longest texts the forms accept (the domain's limits); the server checks the same limits again. */
export { LIMITS };
/** Value of the "(none)" entry of optional choice lists; the server reads it as "no selection". */
export const NO_CHOICE = 'none';
/** Most entries a list card shows; more come with "More". */
export const PAGE_SIZE = 8;

export const action = (title: string, verb: Verb, data: Record<string, unknown> = {}): CardAction => ({
  title,
  verb,
  data,
});

export function facts(entries: [string, string | null | undefined][], locale: Locale): Choice[] {
  return entries.map(([title, value]) => ({ title, value: value ? value : t(locale, 'none') }));
}

/** Static choices: "(none)" first (also keeps the list non-empty), then the selected entry if the list lacks it. */
export function withSelected(choices: Choice[], selected: Choice | undefined, locale: Locale): Choice[] {
  const list =
    !selected || !selected.value || choices.some((choice) => choice.value === selected.value)
      ? choices
      : [selected, ...choices];
  return [{ title: t(locale, 'noneChoice'), value: NO_CHOICE }, ...list];
}

export function projectTitle(project: Pick<Project, 'Name' | 'Number'>): string {
  return project.Number ? `${project.Number} · ${project.Name}` : project.Name;
}

export function contactName(contact: Pick<Contact, 'DisplayName' | 'FirstName' | 'LastName' | 'Email'>): string {
  return (
    contact.DisplayName?.trim() ||
    [contact.FirstName, contact.LastName].filter(Boolean).join(' ').trim() ||
    contact.Email ||
    '?'
  );
}

export function projectChoice(project: Project): Choice {
  return { title: truncate(projectTitle(project), 120), value: project.ProjectId };
}

export function contactChoice(contact: Contact): Choice {
  const name = contactName(contact);
  return {
    title: truncate(contact.Email && contact.Email !== name ? `${name} (${contact.Email})` : name, 120),
    value: contact.ContactId,
  };
}

export function priorityText(priority: number | null | undefined, locale: Locale): string {
  return t(locale, priority === 0 ? 'priorityLow' : priority === 2 ? 'priorityHigh' : 'priorityNormal');
}

export const ROLE_VALUES = {
  manager: MemberRole.Manager,
  team: MemberRole.Team,
  partner: MemberRole.Partner,
  customer: MemberRole.Customer,
  other: MemberRole.Additional,
} as const;

export function roleText(role: number, locale: Locale): string {
  switch (role) {
    case MemberRole.Manager:
      return t(locale, 'roleManager');
    case MemberRole.Team:
      return t(locale, 'roleTeam');
    case MemberRole.Partner:
      return t(locale, 'rolePartner');
    case MemberRole.Customer:
      return t(locale, 'roleCustomer');
    default:
      return t(locale, 'roleOther');
  }
}
