// Text as PT Sans can print it. A character the font lacks prints as an empty box that pdftotext
// and screen readers drop: an emoji in a teacher's comment, a narrow no-break space pasted from
// Word, a tick or an arrow. Spaces of any width become a plain space, invisible joiners go, ticks
// and arrows get a plain stand-in, and anything else the font lacks is left out.
const SPACES = /[\u2000-\u200A\u202F\u205F\u3000]/g;
// Zero-width spaces and joiners, word joiner, byte order mark, variation selectors.
const INVISIBLE = /\u200B|\u200C|\u200D|\u2060|\uFEFF|\uFE0E|\uFE0F/g;
const STAND_INS: Record<string, string> = { '→': '->', '⇒': '=>', '←': '<-', '✓': '+', '✔': '+' };
/** Almost every text we print: Latin, Cyrillic and the usual punctuation, all in PT Sans. */
const COMMON = /^[\n\t\u0020-\u007E\u00A0-\u017F\u0400-\u045F\u2013\u2014\u2018-\u201E\u2026\u00AB\u00BB\u2116]*$/;

export function printable(text: string, hasGlyph: (codePoint: number) => boolean): string {
  if (COMMON.test(text)) return text;
  let out = '';
  for (const ch of text.replace(SPACES, ' ').replace(INVISIBLE, '')) {
    const codePoint = ch.codePointAt(0)!;
    out += codePoint < 0x80 || hasGlyph(codePoint) ? ch : (STAND_INS[ch] ?? '');
  }
  return out.replace(/ {2,}/g, ' ');
}
