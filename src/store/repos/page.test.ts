import { describe, expect, it } from 'vitest';
import { VigilError } from '../../errors/outcome.js';
import { decodeCursor, encodeCursor, toPage } from './page.js';

describe('cursors', () => {
  it('round-trip', () => {
    const cursor = { at: '2026-03-02T12:00:00.123Z', id: 'pt_aaaaaaaaaaaaaaaaaaaaaaaaaa' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    '',
    'bm9wZQ',
    Buffer.from('["not a date","x"]').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
  ])('refuses %j as a 400 naming query.cursor', (value) => {
    expect(() => decodeCursor(value)).toThrow(VigilError);
    try {
      decodeCursor(value);
    } catch (e) {
      expect((e as VigilError).issues[0]?.path).toBe('query.cursor');
    }
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3].map((n) => ({ at: new Date(Date.UTC(2026, 0, n)), id: `r${n}` }));
  it.each([
    { limit: 2, fetched: 3, items: 2, hasNext: true },
    { limit: 3, fetched: 3, items: 3, hasNext: false },
  ])(
    'limit $limit with $fetched rows → $items items, next page $hasNext',
    ({ limit, fetched, items, hasNext }) => {
      const page = toPage(
        rows.slice(0, fetched),
        limit,
        (r) => r,
        (r) => r.id,
      );
      expect(page.items).toHaveLength(items);
      expect(page.nextCursor !== null).toBe(hasNext);
      if (page.nextCursor !== null) {
        expect(decodeCursor(page.nextCursor).id).toBe(`r${limit}`);
      }
    },
  );
});
