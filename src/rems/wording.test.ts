import { describe, expect, it } from 'vitest';
import { STROKE_SIGNS } from '../protocol/timeline.js';
import {
  STROKE_SIGN_WORDS,
  capitalize,
  count,
  duration,
  every,
  listJoin,
  strokeSignWords,
} from './wording.js';

describe('INF-5 wording of program values and signs', () => {
  it.each([
    [120, '2 hours'],
    [60, '1 hour'],
    [90, '90 minutes'],
    [1, '1 minute'],
  ])('duration(%i) = %s', (minutes, text) => {
    expect(duration(minutes)).toBe(text);
  });

  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('listJoin(%j) = %s', (items, text) => {
    expect(listJoin(items)).toBe(text);
  });

  it('joins with "or", counts, capitalizes and says "every"', () => {
    expect(listJoin(['x', 'y'], 'or')).toBe('x or y');
    expect([count(1, 'week'), count(6, 'week')]).toEqual(['1 week', '6 weeks']);
    expect(capitalize('alemtuzumab')).toBe('Alemtuzumab');
    expect([every('1 hour'), every('30 minutes')]).toEqual(['every hour', 'every 30 minutes']);
  });

  it('has words for every stroke sign, and keeps an unknown code as it is', () => {
    expect(Object.keys(STROKE_SIGN_WORDS).sort()).toEqual([...STROKE_SIGNS].sort());
    expect(strokeSignWords(['sudden-numbness'])).toEqual(['sudden numbness']);
    expect(strokeSignWords(['new-sign'])).toEqual(['new-sign']);
  });
});
