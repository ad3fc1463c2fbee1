import { describe, expect, it } from 'vitest';
import { pageLinks } from '@/lib/domain/paging';

describe('pageLinks', () => {
  it('lists few pages in full, and a long list as first, a window around the current page, last', () => {
    expect(pageLinks(1, 1)).toEqual([1]);
    expect(pageLinks(2, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageLinks(1, 40)).toEqual([1, 2, 3, 'gap', 40]);
    expect(pageLinks(20, 40)).toEqual([1, 'gap', 18, 19, 20, 21, 22, 'gap', 40]);
    expect(pageLinks(40, 40)).toEqual([1, 'gap', 38, 39, 40]);
    // A gap of a single page is that page.
    expect(pageLinks(5, 40)).toEqual([1, 2, 3, 4, 5, 6, 7, 'gap', 40]);
  });

  it('takes a page past either end as the nearest one', () => {
    expect(pageLinks(99, 40)).toEqual(pageLinks(40, 40));
    expect(pageLinks(0, 40)).toEqual(pageLinks(1, 40));
  });

  it('reaches every page of a long list from the first by following links', () => {
    for (const pages of [2, 7, 31, 120]) {
      const reached = new Set([1]);
      const queue = [1];
      while (queue.length) for (const p of pageLinks(queue.shift()!, pages)) if (p !== 'gap' && !reached.has(p)) { reached.add(p); queue.push(p); }
      expect(reached.size).toBe(pages);
      expect(Math.max(...[...reached].map((p) => pageLinks(p, pages).filter((l) => l !== 'gap').length))).toBeLessThanOrEqual(9); // first, last, 5 around, and at most two single-page gaps filled
    }
  });
});
