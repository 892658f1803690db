import { describe, expect, it } from 'vitest';
import { scrollToShow } from './nav-scroll.js';

describe('scrollToShow (the current navigation item in the phone header)', () => {
  const view = (left: number) => ({ left, width: 300 });

  it('leaves the bar alone when the item is fully visible', () => {
    expect(scrollToShow({ left: 0, width: 100 }, view(0), 700)).toBeNull();
    expect(scrollToShow({ left: 200, width: 100 }, view(0), 700)).toBeNull();
  });

  it('centres an item cut off on the right or hidden past the end', () => {
    expect(scrollToShow({ left: 250, width: 100 }, view(0), 700)).toBe(150);
    expect(scrollToShow({ left: 400, width: 100 }, view(0), 700)).toBe(300);
  });

  it('centres an item scrolled out on the left', () => {
    expect(scrollToShow({ left: 150, width: 100 }, view(200), 700)).toBe(50);
  });

  it('never scrolls before the start or past the end of the content', () => {
    expect(scrollToShow({ left: 0, width: 100 }, view(50), 700)).toBe(0);
    expect(scrollToShow({ left: 620, width: 80 }, view(0), 700)).toBe(400);
  });
});
