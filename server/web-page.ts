/** What every page the add-in and the tab serve has in common: the frame-ancestors rule and the base security headers. */
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
