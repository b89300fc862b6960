/** The colours Office hands an add-in (Office.context.officeTheme); all "#rrggbb". */
export interface HostTheme {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
  /** Newer Office versions say it directly. */
  isDarkTheme?: boolean;
}

function parseHex(color: string | undefined): [number, number, number] | undefined {
  const match = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color?.trim() ?? '');
  if (!match) return undefined;
  let hex = match[1]!;
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance, 0 (black) … 1 (white). */
export function luminance(color: string): number | undefined {
  const rgb = parseHex(color);
  if (!rgb) return undefined;
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Dark when Office says so, or when its body background is dark. Unknown themes count as light. */
export function isDarkTheme(theme: HostTheme | undefined | null): boolean {
  if (!theme) return false;
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme;
  const value = luminance(theme.bodyBackgroundColor ?? '');
  return value !== undefined && value < 0.3;
}

/**
 * Switches the Fluent token set (light/dark) on the root element and, when the host gave valid colours, uses its
 * exact body colours so the pane blends into Outlook.
 */
export function applyTheme(root: HTMLElement, theme: HostTheme | undefined | null): 'light' | 'dark' {
  const scheme = isDarkTheme(theme) ? 'dark' : 'light';
  root.dataset.theme = scheme;
  root.style.colorScheme = scheme;
  const background = parseHex(theme?.bodyBackgroundColor ?? '') ? theme?.bodyBackgroundColor : undefined;
  const foreground = parseHex(theme?.bodyForegroundColor ?? '') ? theme?.bodyForegroundColor : undefined;
  if (background) root.style.setProperty('--fx-host-bg', background);
  else root.style.removeProperty('--fx-host-bg');
  if (foreground) root.style.setProperty('--fx-host-fg', foreground);
  else root.style.removeProperty('--fx-host-fg');
  return scheme;
}
