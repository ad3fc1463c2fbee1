// A stored homework file as an HTTP download, for the staff route and the family route alike.
export type StoredFile = { data: Uint8Array; mimeType: string; size: number; fileName: string };

export function attachmentDownload(file: StoredFile): Response {
  return new Response(new Uint8Array(file.data), {
    headers: {
      'content-type': file.mimeType,
      'content-length': String(file.size),
      // Always a download: an uploaded file is never rendered inside our origin.
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'cache-control': 'private, no-store',
    },
  });
}
