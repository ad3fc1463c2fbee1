// Page links for long lists: every page stays reachable however many there are, with a short
// row of links (first, a window around the current page, last) instead of one link per page.

/** A page number to link, or a gap («…») between non-adjacent ones. */
export type PageLink = number | 'gap';

/**
 * Pages to link from `page` of `pages`: the first, the last and `around` either side of the
 * current one, in order, with a gap where numbers are skipped. From any page, following links
 * reaches every other page (the neighbours are always listed).
 */
export function pageLinks(page: number, pages: number, around = 2): PageLink[] {
  if (pages < 1) return [];
  const current = Math.min(Math.max(1, page), pages);
  const shown = new Set([1, pages]);
  for (let p = current - around; p <= current + around; p++) if (p >= 1 && p <= pages) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const links: PageLink[] = [];
  sorted.forEach((p, i) => {
    const gap = i > 0 ? p - sorted[i - 1] - 1 : 0;
    // A gap of one page is that page: «…» would take as much room.
    if (gap === 1) links.push(p - 1);
    else if (gap > 1) links.push('gap');
    links.push(p);
  });
  return links;
}
