// A stored homework file as an HTTP download, for the staff route and the family route alike.
import { transliterate } from './domain/transliteration';

export type StoredFile = { data: Uint8Array; mimeType: string; size: number; fileName: string };

/**
 * RFC 8187 value-chars: encodeURIComponent leaves ' ( ) * unescaped, and they are not attr-chars
 * (an apostrophe in «д'Артаньян» or brackets in «Задание (1).pdf» made the header invalid).
 */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A plain ASCII stand-in for clients that do not read filename*: transliterated, the rest «_». */
export function asciiFileName(name: string): string {
  return transliterate(name).replace(/[^A-Za-z0-9._ -]+/g, '_') || 'file';
}

/** Content-Disposition with an ASCII fallback and the real (Cyrillic) name, RFC 6266 / 8187. */
export function contentDisposition(name: string, asciiName = asciiFileName(name)): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${extValue(name)}`;
}

export function attachmentDownload(file: StoredFile): Response {
  return new Response(new Uint8Array(file.data), {
    headers: {
      'content-type': file.mimeType,
      'content-length': String(file.size),
      // Always a download: an uploaded file is never rendered inside our origin.
      'content-disposition': contentDisposition(file.fileName),
      'cache-control': 'private, no-store',
    },
  });
}
