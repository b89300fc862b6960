/**
 * What the add-in's and the tab's pages have in common: the frame-ancestors rule, the base security headers and the
 * bundle built once per process.
 */
import type { AppConfig } from '../shared/config';

/**
 * The hosts that may frame a page; in local mode the page's own origin as well, so local host pages can frame it.
 * Returned as a CSP directive.
 */
export function frameAncestorsDirective(mode: AppConfig['mode'], hostOrigins: readonly string[]): string {
  const ancestors = mode === 'local' ? ["'self'", ...hostOrigins] : hostOrigins;
  return `frame-ancestors ${ancestors.join(' ')}`;
}

/** Headers every served page carries: its CSP, no MIME sniffing, no referrer. */
export function basePageHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Runs load once and keeps its result for every later call; a failure is not kept, so the next call tries again. */
export function cacheUntilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= load().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}
