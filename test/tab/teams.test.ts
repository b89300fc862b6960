import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const teams = vi.hoisted(() => ({
  initialize: vi.fn<() => Promise<void>>(),
  getContext: vi.fn<() => Promise<unknown>>(),
  registerOnThemeChangeHandler: vi.fn<(handler: (theme: string) => void) => void>(),
  openLink: vi.fn<(url: string) => Promise<void>>(),
  notifySuccess: vi.fn<() => Promise<unknown>>(),
  getAuthToken: vi.fn<() => Promise<string>>(),
}));

vi.mock('@microsoft/teams-js', () => ({
  app: {
    initialize: teams.initialize,
    getContext: teams.getContext,
    registerOnThemeChangeHandler: teams.registerOnThemeChangeHandler,
    openLink: teams.openLink,
    notifySuccess: teams.notifySuccess,
  },
  authentication: { getAuthToken: teams.getAuthToken },
}));

const { connectToTeams, normalizeTeamsTheme } = await import('../../tab/web/teams');

describe('tab/web/teams', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    for (const mock of Object.values(teams)) mock.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('maps Teams themes to the three supported ones', () => {
    expect(normalizeTeamsTheme('default')).toBe('default');
    expect(normalizeTeamsTheme('dark')).toBe('dark');
    expect(normalizeTeamsTheme('contrast')).toBe('contrast');
    expect(normalizeTeamsTheme('glass')).toBe('default');
    expect(normalizeTeamsTheme(undefined)).toBe('default');
  });

  it('inside Teams: reads locale and theme, forwards tokens, theme changes and links', async () => {
    teams.initialize.mockResolvedValue();
    teams.getContext.mockResolvedValue({ app: { locale: 'de-DE', theme: 'dark' } });
    teams.getAuthToken.mockResolvedValue('sso-token');
    teams.openLink.mockResolvedValue();
    teams.notifySuccess.mockResolvedValue({});
    const host = await connectToTeams(1000);
    expect(host).toBeDefined();
    expect(host!.locale).toBe('de-DE');
    expect(host!.theme).toBe('dark');
    expect(await host!.getAuthToken()).toBe('sso-token');

    const seen: string[] = [];
    host!.onThemeChange((theme) => seen.push(theme));
    const registered = teams.registerOnThemeChangeHandler.mock.calls[0]![0];
    registered('contrast');
    registered('default');
    expect(seen).toEqual(['contrast', 'default']);

    await host!.openLink('https://teams.microsoft.com/l/chat/0/0?users=28:bot');
    expect(teams.openLink).toHaveBeenCalledWith('https://teams.microsoft.com/l/chat/0/0?users=28:bot');
    host!.notifyReady();
    expect(teams.notifySuccess).toHaveBeenCalledTimes(1);
  });

  it('outside Teams: gives up when initialize never answers', async () => {
    teams.initialize.mockReturnValue(new Promise(() => undefined));
    const result = connectToTeams(1000);
    await vi.advanceTimersByTimeAsync(1001);
    await expect(result).resolves.toBeUndefined();
    expect(teams.getContext).not.toHaveBeenCalled();
  });

  it('outside Teams: initialize rejecting means "not in Teams", not a crash', async () => {
    teams.initialize.mockRejectedValue(new Error('No parent window'));
    await expect(connectToTeams(1000)).resolves.toBeUndefined();
  });

  it('a host that never returns a context counts as "not in Teams"', async () => {
    teams.initialize.mockResolvedValue();
    teams.getContext.mockReturnValue(new Promise(() => undefined));
    const result = connectToTeams(1000);
    await vi.advanceTimersByTimeAsync(1001);
    await expect(result).resolves.toBeUndefined();
  });
});
