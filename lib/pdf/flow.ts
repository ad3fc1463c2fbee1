// Flowing measured blocks onto pages. Every renderer first measures what it will draw, so that
// it knows the page count before drawing (for «страница 1 из 2», for choosing a smaller type
// size that keeps a pupil on one sheet, and for padding to an even page count).

export type Block = {
  height: number;
  draw(y: number): void;
  /** Do not leave this block last on a page (titles, day headings). */
  keepWithNext?: boolean;
  /** Drawn again at the top of a page when this block starts there (a table's column heads). */
  repeatHeader?: Block;
};

export type Placed = { block: Block; y: number };

/**
 * Places blocks top to bottom. The first page starts at `firstTop`, later pages at
 * `nextTop` (below a short running head). A block taller than a page is placed anyway,
 * alone, rather than looping forever.
 */
export function paginate(blocks: readonly Block[], area: { firstTop: number; nextTop: number; bottom: number }): Placed[][] {
  const pages: Placed[][] = [[]];
  let y = area.firstTop;
  const fits = (h: number) => y + h <= area.bottom;
  const newPage = () => {
    pages.push([]);
    y = area.nextTop;
  };
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    let needed = block.height;
    // Keep a heading with the first block that follows it.
    for (let j = i; blocks[j]?.keepWithNext && blocks[j + 1]; j++) needed += blocks[j + 1].height;
    const onFreshPage = pages[pages.length - 1].length === 0;
    if (!fits(needed) && !onFreshPage) newPage();
    const page = pages[pages.length - 1];
    if (page.length === 0 && pages.length > 1 && block.repeatHeader) {
      page.push({ block: block.repeatHeader, y });
      y += block.repeatHeader.height;
    }
    page.push({ block, y });
    y += block.height;
  }
  return pages;
}

/** Total height of blocks laid end to end. */
export function totalHeight(blocks: readonly Block[]): number {
  return blocks.reduce((sum, b) => sum + b.height, 0);
}

/** A fixed gap. */
export function gap(height: number): Block {
  return { height, draw: () => {} };
}
