import { describe, expect, it } from 'vitest';
import { FALLBACK_THEME, readChartTheme } from './chartTheme';

const style = (vars: Record<string, string>): Pick<CSSStyleDeclaration, 'getPropertyValue'> => ({
  getPropertyValue: (name: string) => vars[name] ?? '',
});

describe('readChartTheme', () => {
  it('takes the chart colours from the app’s CSS variables', () => {
    const theme = readChartTheme(
      style({ '--text': ' #e7e9ed', '--muted': '#9aa3af', '--border': '#343943', '--surface': '#1e2127', '--accent': '#6f9bff', '--danger': '#ff8a80', '--border-strong': '#4d5461', '--font-sans': 'system-ui' }),
    );
    expect(theme).toEqual({
      text: '#e7e9ed',
      muted: '#9aa3af',
      grid: '#343943',
      surface: '#1e2127',
      bar: '#6f9bff',
      flagged: '#ff8a80',
      overall: '#e7e9ed',
      hidden: '#4d5461',
      font: 'system-ui',
    });
  });

  it('falls back to the light theme for anything missing', () => {
    expect(readChartTheme(style({}))).toEqual(FALLBACK_THEME);
    expect(readChartTheme(style({ '--accent': 'rebeccapurple' })).bar).toBe('rebeccapurple');
  });

  it('follows the document: the same variables app.css defines for both themes', () => {
    document.documentElement.style.setProperty('--accent', '#123456');
    const theme = readChartTheme(getComputedStyle(document.documentElement));
    expect(theme.bar).toBe('#123456');
    document.documentElement.style.removeProperty('--accent');
  });
});
