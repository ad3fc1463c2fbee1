// Download names: a homework file or a PDF keeps its real (Cyrillic) name through RFC 8187's
// filename*, encoded strictly (', (, ) and * are not attr-chars), with a plain ASCII filename for
// clients that do not read filename*.
import { describe, expect, it } from 'vitest';
import { attachmentDownload } from '../../lib/attachment-response';
import { attachment } from '../../lib/pdf/http';

/** RFC 8187 §3.2.1: ext-value = charset "'" [ language ] "'" value-chars. */
const EXT_VALUE = /^UTF-8''((?:%[0-9A-Fa-f]{2}|[A-Za-z0-9!#$&+.^_`|~-])+)$/;

function parse(header: string) {
  const ascii = /^attachment; filename="([^"\\]*)"; filename\*=(\S+)$/.exec(header);
  expect(ascii, header).not.toBeNull();
  const ext = EXT_VALUE.exec(ascii![2]);
  expect(ext, ascii![2]).not.toBeNull();
  return { ascii: ascii![1], name: decodeURIComponent(ext![1]) };
}

const download = (fileName: string) =>
  attachmentDownload({ data: new Uint8Array([1]), mimeType: 'text/plain; charset=utf-8', size: 1, fileName }).headers.get('content-disposition')!;

describe('Content-Disposition of downloads', () => {
  it('keeps a homework file name with brackets, an apostrophe and an asterisk, strictly encoded', () => {
    const name = "Задание (вариант 1) д'Артаньян*.txt";
    const header = parse(download(name));
    expect(header.name).toBe(name);
    expect(header.ascii).toMatch(/^[A-Za-z0-9._ -]+\.txt$/);
    expect(header.ascii).toContain('Zadanie');
  });

  it('gives a name of no Latin letters an ASCII stand-in that keeps the extension', () => {
    expect(parse(download('作业.pdf'))).toEqual({ ascii: '_.pdf', name: '作业.pdf' });
  });

  it('encodes a PDF name with an apostrophe in the pupil name', () => {
    const name = "Выписка Д'Артаньян Пётр 2026-11-16.pdf";
    expect(parse(attachment('extract-2026-11-16.pdf', name))).toEqual({ ascii: 'extract-2026-11-16.pdf', name });
  });
});
