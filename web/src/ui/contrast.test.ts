import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast.js';
import { COLORS, CONTRAST_PAIRS, cssVariables } from './tokens.js';

describe('WCAG contrast ratio', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#777777', '#ffffff', 4.48],
    ['#767676', '#ffffff', 4.54],
  ])('%s on %s is %f', (fg, bg, ratio) => {
    expect(contrastRatio(fg, bg)).toBeCloseTo(ratio, 2);
  });

  it('refuses a color it cannot read', () => {
    expect(() => contrastRatio('red', '#ffffff')).toThrow('not a #rrggbb color');
  });
});

describe('design tokens meet WCAG 2.2 AA', () => {
  it.each(
    CONTRAST_PAIRS.map(([fg, bg, min]) => [fg, bg, min, contrastRatio(COLORS[fg], COLORS[bg])] as const),
  )('%s on %s ≥ %f (is %f)', (_fg, _bg, min, ratio) => {
    expect(ratio).toBeGreaterThanOrEqual(min);
  });

  it('exposes every color as a custom property', () => {
    expect(cssVariables()['--color-text-muted']).toBe(COLORS.textMuted);
    expect(Object.keys(cssVariables()).filter((k) => k.startsWith('--color-'))).toHaveLength(
      Object.keys(COLORS).length,
    );
  });
});
