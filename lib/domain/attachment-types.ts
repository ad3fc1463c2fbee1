// Which homework attachments we accept. The extension alone is a claim; the first bytes must
// agree with it, so an executable renamed to .pdf is refused (families download these files).

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

type Kind = { mime: string; check: (b: Uint8Array) => boolean };

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Plain text: valid UTF-8 without NUL bytes (a binary file is never «text»). */
function isText(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

const KINDS: Record<string, Kind> = {
  pdf: { mime: 'application/pdf', check: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46]) },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', check: (b) => startsWith(b, ZIP) },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', check: (b) => startsWith(b, ZIP) },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', check: (b) => startsWith(b, ZIP) },
  odt: { mime: 'application/vnd.oasis.opendocument.text', check: (b) => startsWith(b, ZIP) },
  jpg: { mime: 'image/jpeg', check: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  jpeg: { mime: 'image/jpeg', check: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  png: { mime: 'image/png', check: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  txt: { mime: 'text/plain; charset=utf-8', check: isText },
};

export const ALLOWED_EXTENSIONS = Object.keys(KINDS);

export type AttachmentCheck = { ok: true; mimeType: string; fileName: string } | { ok: false; error: string };

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters, quotes, and the bidirectional controls that let «отчёт\u202Efdp.txt» be
  // listed as «отчётtxt.pdf» to the family who downloads it.
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 120);
  return cleaned || 'file';
}

export function checkAttachment(fileName: string, bytes: Uint8Array): AttachmentCheck {
  const name = cleanFileName(fileName);
  if (bytes.length === 0) return { ok: false, error: 'Файл пустой' };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, error: 'Файл больше 5 МБ' };
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const kind = KINDS[ext];
  if (!kind) return { ok: false, error: `Допустимые типы файлов: ${ALLOWED_EXTENSIONS.join(', ')}` };
  if (!kind.check(bytes)) return { ok: false, error: 'Содержимое файла не соответствует его расширению' };
  return { ok: true, mimeType: kind.mime, fileName: name };
}
