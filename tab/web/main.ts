import { ApiError } from '../../ui/api';
import { toLocale, type Locale } from '../../ui/i18n';
import { renderBootError, renderOpenInTeams, TabApp } from './app';
import { TabClient } from './client';
import { connectToTeams, type TeamsTheme } from './teams';

const API_BASE = './api';

/** Teams' three themes map onto the Fluent token sets: light, dark and high contrast (ui/fluent*.css). */
export function applyTeamsTheme(root: HTMLElement, theme: TeamsTheme): void {
  const scheme = theme === 'default' ? 'light' : theme;
  root.dataset.theme = scheme;
  root.style.colorScheme = scheme === 'light' ? 'light' : 'dark';
}

function browserTheme(): TeamsTheme {
  if (window.matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  const html = document.documentElement;
  let locale: Locale = toLocale(navigator.language);
  try {
    const [boot, host] = await Promise.all([TabClient.boot(API_BASE), connectToTeams()]);
    if (host) {
      locale = toLocale(host.locale);
      applyTeamsTheme(html, host.theme);
      host.onThemeChange((theme) => applyTeamsTheme(html, theme));
      // Teams refusing a token (no consent yet, app not approved) is a sign-in failure, shown as such.
      const token = () =>
        host.getAuthToken().catch(() => {
          throw new ApiError(401, 'unauthenticated', 'Teams did not provide a sign-in token');
        });
      const client = new TabClient(API_BASE, locale, token);
      const app = new TabApp({
        root,
        client,
        boot,
        locale,
        devIdentity: false,
        openLink: (url) => void host.openLink(url).catch(() => window.open(url, '_blank', 'noopener')),
        onReady: () => host.notifyReady(),
      });
      await app.start();
      return;
    }
    applyTeamsTheme(html, browserTheme());
    if (boot.mode !== 'local') {
      renderOpenInTeams(root, locale);
      return;
    }
    // Local mode outside Teams: the server answers loopback requests with the development identity.
    const client = new TabClient(API_BASE, locale, async () => undefined);
    const app = new TabApp({
      root,
      client,
      boot,
      locale,
      devIdentity: true,
      openLink: (url) => void window.open(url, '_blank', 'noopener'),
    });
    await app.start();
  } catch (error) {
    renderBootError(root, locale, error);
  }
}

void start();
