// Responses of the PDF routes: the file with a Russian file name, or a refusal that a page's
// script reads as JSON and a person who opened the link reads as a short Russian page.
import { SESSION_ENDED } from '../action-errors';
import type { Actor } from '../auth/actor';
import { getCurrentUser } from '../auth/current-user';
import { contentDisposition } from '../attachment-response';

/** Content-Disposition with an ASCII fallback and the real (Cyrillic) name, RFC 6266 / 8187. */
export function attachment(asciiName: string, name: string): string {
  return contentDisposition(name, asciiName);
}

export function pdfHeaders(asciiName: string, name: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/pdf', 'Content-Disposition': attachment(asciiName, name), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...extra };
}

export function refusalResponse(request: Request, status: number, message: string): Response {
  const headers = { 'Cache-Control': 'no-store' };
  if (request.headers.get('accept')?.includes('application/json')) return Response.json({ error: message }, { status, headers });
  const escaped = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html =
    `<!doctype html><html lang="ru"><meta charset="utf-8"><title>Печать недоступна</title>` +
    `<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>Не удалось подготовить PDF</h1>` +
    `<p role="alert">${escaped}</p><p><a href="/">На главную</a></p></body></html>`;
  return new Response(html, { status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

/**
 * The signed-in user of a PDF route, or the 401 to send. getCurrentUser() already treats a
 * person still on a one-time password as not signed in.
 */
export async function pdfRouteActor(request: Request): Promise<{ actor: Actor; refusal?: undefined } | { actor?: undefined; refusal: Response }> {
  const actor = await getCurrentUser();
  return actor ? { actor } : { refusal: refusalResponse(request, 401, SESSION_ENDED) };
}
