/**
 * The only module that talks to the Teams host (teams-js). Everything else in the tab gets a plain TeamsHost,
 * so the browser tests can replace @microsoft/teams-js with a stub host at bundle time.
 */
import { app, authentication } from '@microsoft/teams-js';

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  /** BCP-47 locale the user chose in Teams, e.g. "de-DE". */
  locale: string;
  theme: TeamsTheme;
  /** Teams SSO token for this app; teams-js caches and renews it. Kept in memory only. */
  getAuthToken(): Promise<string>;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  /** Opens a Teams deep link (e.g. the chat with the bot) or a web page through the host. */
  openLink(url: string): Promise<void>;
  /** Tells Teams the tab has rendered (hides the host's loading indicator). */
  notifyReady(): void;
}

/** Outside a Teams host app.initialize() never settles (or rejects late); give up after this long. */
export const TEAMS_INIT_TIMEOUT_MS = 4000;

/** Teams themes: "default", "dark", "contrast" (and newer ones like "glass", shown light). */
export function normalizeTeamsTheme(theme: string | undefined | null): TeamsTheme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Connects to the Teams host. Resolves undefined when the page is not running inside Teams
 * (initialize rejects, or does not answer within timeoutMs).
 */
export async function connectToTeams(timeoutMs = TEAMS_INIT_TIMEOUT_MS): Promise<TeamsHost | undefined> {
  let context: app.Context | undefined;
  try {
    const initialized = await withTimeout(
      app.initialize().then(() => true),
      timeoutMs,
    );
    if (!initialized) return undefined;
    context = await withTimeout(app.getContext(), timeoutMs);
  } catch {
    return undefined;
  }
  if (!context) return undefined;
  return {
    locale: context.app.locale || 'en-US',
    theme: normalizeTeamsTheme(context.app.theme),
    getAuthToken: () => authentication.getAuthToken(),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(normalizeTeamsTheme(theme))),
    openLink: (url) => app.openLink(url),
    notifyReady: () => {
      app.notifySuccess().catch(() => undefined);
    },
  };
}
