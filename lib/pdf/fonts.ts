// PT Sans embedded in every PDF: pdfkit's built-in fonts have no Cyrillic. The TTFs come from
// npm (@expo-google-fonts/pt-sans, OFL) and are read once per process.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FONT_REGULAR = 'PTSans';
export const FONT_BOLD = 'PTSans-Bold';

const FONT_DIR = path.join(process.cwd(), 'node_modules', '@expo-google-fonts', 'pt-sans');

let files: { regular: Buffer; bold: Buffer } | undefined;

function fontFiles() {
  files ??= {
    regular: readFileSync(path.join(FONT_DIR, '400Regular', 'PTSans_400Regular.ttf')),
    bold: readFileSync(path.join(FONT_DIR, '700Bold', 'PTSans_700Bold.ttf')),
  };
  return files;
}

/** Registers PT Sans regular and bold under FONT_REGULAR / FONT_BOLD and selects the regular face. */
export function embedCyrillicFonts(doc: PDFKit.PDFDocument): void {
  const { regular, bold } = fontFiles();
  doc.registerFont(FONT_REGULAR, regular);
  doc.registerFont(FONT_BOLD, bold);
  doc.font(FONT_REGULAR);
}
