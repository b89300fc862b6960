/**
 * The product's limits on what people enter, in one place. Every surface (chat cards, the add-in, the tab, the
 * InLoox client) enforces these same numbers; the sandbox stands in for InLoox and keeps its own rules.
 */
export const LIMITS = {
  /** Names of projects and tasks (characters). */
  name: 255,
  /** Plain text typed into a card's description field (characters). */
  description: 10_000,
  /** A comment typed into a card (characters). */
  comment: 4000,
  /** Planned effort of a task, in hours (0 to this, inclusive). */
  effortHours: 10_000,
  /** Search text (characters). */
  search: 200,
  /** HTML stored in InLoox: task and project descriptions, comments (characters). */
  html: 100_000,
  /** A pasted InLoox personal access token (characters). */
  apiKey: 512,
} as const;

export type LimitName = keyof typeof LIMITS;
