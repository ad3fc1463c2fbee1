// PT Sans parsed once per process and shared by every document. pdfkit would otherwise parse the
// TrueType files again for each new document (cmap, metrics, OpenType features) and shape every
// word again with fontkit: together most of the time of a one-page extract. pdfkit 0.20 accepts
// an already parsed fontkit font as a font source; the parsed font only grows caches, and each
// document still keeps its own subset, so sharing it between documents (and concurrent
// requests) is safe. So is sharing pdfkit's per-font cache of shaped words: its entries depend
// on the font alone, and each document takes from them only glyph ids into its own subset.
// Both rely on pdfkit internals (`_font`, `layoutCache`); without them we fall back to plain
// per-document fonts (fonts.ts), slower but the same output.
import PDFDocument from 'pdfkit';
import { embedCyrillicFonts, FONT_BOLD, FONT_REGULAR } from './fonts';

type Glyph = { codePoints: number[] };
type ParsedFont = {
  layout: (...args: unknown[]) => unknown;
  hasGlyphForCodePoint?: (codePoint: number) => boolean;
  getGlyph?: (id: number, codePoints?: number[]) => Glyph;
};
type InternalDoc = { _font?: { font?: ParsedFont; layoutCache?: Record<string, unknown> } };
let parsed: { regular: ParsedFont; bold: ParsedFont } | null | undefined;

/** Shaped words per face; started afresh past this size so a long-running server stays bounded. */
const WORD_CACHE_LIMIT = 20_000;
const wordCaches = new Map<string, Record<string, unknown>>();

function wordCache(face: string): Record<string, unknown> {
  let cache = wordCaches.get(face);
  if (!cache || Object.keys(cache).length > WORD_CACHE_LIMIT) {
    cache = Object.create(null) as Record<string, unknown>;
    wordCaches.set(face, cache);
  }
  return cache;
}

/** The parsed fonts, taken from a donor document; null if this pdfkit keeps them elsewhere. */
function parsedFonts() {
  if (parsed !== undefined) return parsed;
  const donor = new PDFDocument({ autoFirstPage: false });
  embedCyrillicFonts(donor);
  const fontOf = (name: string) => (donor.font(name) as unknown as InternalDoc)._font?.font;
  const regular = fontOf(FONT_REGULAR);
  const bold = fontOf(FONT_BOLD);
  parsed = regular && bold && typeof regular.layout === 'function' && typeof bold.layout === 'function' ? { regular, bold } : null;
  if (parsed) for (const font of [regular!, bold!]) keepCodePoints(font);
  return parsed;
}

/**
 * fontkit keeps each glyph object with the characters it was first asked for. Embedding a subset
 * asks for the parts of composite glyphs with none: PT Sans builds Cyrillic «е» from Latin «e»,
 * so after one document with «е», the shared font's «e» had no character, and every later PDF
 * lost its Latin «e», «a», «o»… from the text layer (copying a login from a slip, screen readers,
 * pdftotext), though it printed them. A glyph asked for with characters gets them back.
 */
function keepCodePoints(font: ParsedFont): void {
  const getGlyph = font.getGlyph;
  if (typeof getGlyph !== 'function') return;
  font.getGlyph = function (id: number, codePoints: number[] = []) {
    const glyph = getGlyph.call(this, id, codePoints);
    if (glyph && codePoints.length && !glyph.codePoints?.length) glyph.codePoints = codePoints;
    return glyph;
  };
}

/**
 * Whether PT Sans has a glyph for the character (both faces cover the same characters). Without
 * the parsed font: Latin, Cyrillic and general punctuation, which it is known to have.
 */
export function fontHasGlyph(codePoint: number): boolean {
  const check = parsedFonts()?.regular.hasGlyphForCodePoint;
  if (check) return check.call(parsedFonts()!.regular, codePoint);
  return codePoint <= 0x17f || (codePoint >= 0x400 && codePoint <= 0x4ff) || (codePoint >= 0x2010 && codePoint <= 0x2044);
}

/** Registers PT Sans regular and bold under FONT_REGULAR / FONT_BOLD and selects the regular face. */
export function embedSharedFonts(doc: PDFKit.PDFDocument): void {
  const fonts = parsedFonts();
  if (!fonts) return embedCyrillicFonts(doc);
  doc.registerFont(FONT_REGULAR, fonts.regular as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont(FONT_BOLD, fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);
  for (const face of [FONT_BOLD, FONT_REGULAR]) {
    const embedded = (doc.font(face) as unknown as InternalDoc)._font;
    if (embedded?.layoutCache) embedded.layoutCache = wordCache(face);
  }
}
