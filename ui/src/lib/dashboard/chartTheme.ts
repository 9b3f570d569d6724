// The chart's colours and font, read from the same CSS custom properties as the rest of the
// app (app.css), so the canvas follows the light and dark themes like the HTML around it.

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  /** A generation's bar. */
  bar: string;
  /** The bar of a generation flagged as left behind. */
  flagged: string;
  /** The "all employees" line. */
  overall: string;
  /** Hatching of hidden (suppressed) groups: neutral, never a colour of the scale. */
  hidden: string;
  font: string;
}

/** What the chart uses when a variable is missing (the light theme of app.css). */
export const FALLBACK_THEME: Readonly<ChartTheme> = {
  text: '#1a1d23',
  muted: '#59616d',
  grid: '#d5d9e0',
  surface: '#ffffff',
  bar: '#2b59c3',
  flagged: '#b3261e',
  overall: '#1a1d23',
  hidden: '#aab1bc',
  font: 'system-ui, sans-serif',
};

const VARIABLES: Readonly<Record<keyof ChartTheme, string>> = {
  text: '--text',
  muted: '--muted',
  grid: '--border',
  surface: '--surface',
  bar: '--accent',
  flagged: '--danger',
  overall: '--text',
  hidden: '--border-strong',
  font: '--font-sans',
};

/** Reads the theme from computed styles (`getComputedStyle(document.documentElement)`). */
export function readChartTheme(style: Pick<CSSStyleDeclaration, 'getPropertyValue'>): ChartTheme {
  const theme = { ...FALLBACK_THEME };
  for (const key of Object.keys(VARIABLES) as (keyof ChartTheme)[]) {
    const value = style.getPropertyValue(VARIABLES[key]).trim();
    if (value) theme[key] = value;
  }
  return theme;
}

/** The current theme of the document. */
export function documentChartTheme(): ChartTheme {
  return readChartTheme(getComputedStyle(document.documentElement));
}

/**
 * Calls `onChange` whenever the OS switches between light and dark (the CSS variables change
 * with it). Returns the unsubscribe function.
 */
export function onThemeChange(onChange: () => void): () => void {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  if (!query) return () => undefined;
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the user asked for less motion (charts then skip their animation). */
export function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
