import { describe, expect, it } from 'vitest';
import { basePageHeaders, cacheUntilFailure, frameAncestorsDirective } from '../../server/web-page';

describe('cacheUntilFailure', () => {
  it('loads once and hands every caller the same result', async () => {
    let loads = 0;
    const get = cacheUntilFailure(async () => ({ build: ++loads }));
    const [first, second] = await Promise.all([get(), get()]);
    expect(first).toEqual({ build: 1 });
    expect(second).toBe(first);
    expect(await get()).toBe(first);
    expect(loads).toBe(1);
  });

  it('does not keep a failure: the next call loads again', async () => {
    let loads = 0;
    const get = cacheUntilFailure(async () => {
      loads += 1;
      if (loads === 1) throw new Error('bundling failed');
      return 'bundle';
    });
    await expect(get()).rejects.toThrow('bundling failed');
    expect(await get()).toBe('bundle');
    expect(await get()).toBe('bundle');
    expect(loads).toBe(2);
  });
});

describe('page headers', () => {
  it('lets only the host origins frame a page in production, and the page itself too in local mode', () => {
    const hosts = ['https://teams.microsoft.com', 'https://*.cloud.microsoft'];
    expect(frameAncestorsDirective('production', hosts)).toBe(
      'frame-ancestors https://teams.microsoft.com https://*.cloud.microsoft',
    );
    expect(frameAncestorsDirective('local', hosts)).toBe(
      "frame-ancestors 'self' https://teams.microsoft.com https://*.cloud.microsoft",
    );
  });

  it('sends the CSP with nosniff and no referrer', () => {
    expect(basePageHeaders("default-src 'none'")).toEqual({
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
});
