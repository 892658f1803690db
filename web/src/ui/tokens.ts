// Design tokens: the one source of the app's colors, spacing and type. They become CSS custom
// properties on <html> at start (applyTokens), and every text/background pair the components use
// is listed in CONTRAST_PAIRS, which a unit test holds to WCAG 2.2 AA (1.4.3, 1.4.11).

export const COLORS = {
  text: '#17202e',
  textMuted: '#4a5568',
  textInverse: '#ffffff',
  bg: '#ffffff',
  surface: '#f4f6f9',
  surfaceRaised: '#ffffff',
  border: '#c9d1dc',
  borderStrong: '#6b7788',
  primary: '#1d5bb8',
  primaryHover: '#174a96',
  primaryText: '#ffffff',
  link: '#1d5bb8',
  focus: '#1d5bb8',
  danger: '#b01d2e',
  dangerText: '#ffffff',
  navBg: '#16243a',
  navText: '#e8eef7',
  navActiveBg: '#2c4466',

  infoBg: '#e5effb',
  infoText: '#164a8a',
  warningBg: '#fff3d1',
  warningText: '#6f4500',
  urgentBg: '#ffe2cc',
  urgentText: '#8f2f00',
  criticalBg: '#b01d2e',
  criticalText: '#ffffff',

  okBg: '#e1f3e6',
  okText: '#1a6331',
  neutralBg: '#eceff4',
  neutralText: '#3a4556',
  overdueBg: '#fde1e1',
  overdueText: '#981b1b',

  chartLine: '#1d5bb8',
  chartReference: '#d9efe0',
  chartWarning: '#a86200',
  chartUrgent: '#c2410c',
  chartCritical: '#b01d2e',
} as const;

export type ColorToken = keyof typeof COLORS;

export const SPACE = { xs: '4px', sm: '8px', md: '16px', lg: '24px', xl: '40px' } as const;
export const RADIUS = { sm: '4px', md: '8px' } as const;
export const FONT = {
  family: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  mono: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
  size: { sm: '0.875rem', md: '1rem', lg: '1.25rem', xl: '1.625rem' },
} as const;

/** [foreground, background, minimum ratio]: 4.5 for text, 3 for large text and UI parts. */
export const CONTRAST_PAIRS: readonly (readonly [ColorToken, ColorToken, number])[] = [
  ['text', 'bg', 4.5],
  ['text', 'surface', 4.5],
  ['textMuted', 'bg', 4.5],
  ['textMuted', 'surface', 4.5],
  ['primaryText', 'primary', 4.5],
  ['primaryText', 'primaryHover', 4.5],
  ['link', 'bg', 4.5],
  ['link', 'surface', 4.5],
  ['dangerText', 'danger', 4.5],
  ['danger', 'bg', 4.5],
  ['navText', 'navBg', 4.5],
  ['navText', 'navActiveBg', 4.5],
  ['infoText', 'infoBg', 4.5],
  ['warningText', 'warningBg', 4.5],
  ['urgentText', 'urgentBg', 4.5],
  ['criticalText', 'criticalBg', 4.5],
  ['okText', 'okBg', 4.5],
  ['neutralText', 'neutralBg', 4.5],
  ['overdueText', 'overdueBg', 4.5],
  // Non-text: focus ring, field borders and chart marks against the page (WCAG 1.4.11).
  ['focus', 'bg', 3],
  ['borderStrong', 'bg', 3],
  ['chartLine', 'bg', 3],
  ['chartWarning', 'bg', 3],
  ['chartUrgent', 'bg', 3],
  ['chartCritical', 'bg', 3],
];

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The custom properties: `--color-text-muted`, `--space-md`, `--font-size-lg`, … */
export function cssVariables(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(COLORS)) {
    vars[`--color-${kebab(k)}`] = v;
  }
  for (const [k, v] of Object.entries(SPACE)) {
    vars[`--space-${k}`] = v;
  }
  for (const [k, v] of Object.entries(RADIUS)) {
    vars[`--radius-${k}`] = v;
  }
  for (const [k, v] of Object.entries(FONT.size)) {
    vars[`--font-size-${k}`] = v;
  }
  vars['--font-family'] = FONT.family;
  vars['--font-mono'] = FONT.mono;
  return vars;
}

export function applyTokens(element: HTMLElement): void {
  for (const [name, value] of Object.entries(cssVariables())) {
    element.style.setProperty(name, value);
  }
}
