// POST from /admin/credentials: issues logins and one-time passwords and returns them as a PDF of
// slips to cut. The passwords exist only in this response, so a reload cannot show them again.
import { SESSION_ENDED } from '@/lib/action-errors';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/current-user';
import { issueCredentials, ownAccountsNote } from '@/lib/data/credentials';
import { renderCredentialSlips } from '@/lib/pdf/credential-slips';

export const dynamic = 'force-dynamic';

const requestSchema = z
  .object({
    classId: z.string({ error: 'Выберите класс или всю школу' }).regex(/^(school|\d{1,9})$/, 'Выберите класс или всю школу'),
    audience: z.enum(['STUDENT', 'PARENT', 'BOTH'], { error: 'Выберите, кому выдать логины' }),
    mode: z.enum(['MISSING', 'ALL'], { error: 'Выберите: только тем, у кого нет логина, или всем' }),
    confirmReset: z.string().optional(),
  })
  .refine((r) => r.mode !== 'ALL' || r.confirmReset === 'yes', {
    path: ['confirmReset'],
    message: 'Подтвердите сброс: прежние пароли этих людей перестанут действовать',
  });

export async function POST(request: Request): Promise<Response> {
  if (!sameOrigin(request)) return failure(request, 403, 'Запрос отклонён: форма отправлена с другого сайта.');
  const actor = await getCurrentUser();
  if (!actor) return failure(request, 401, SESSION_ENDED);
  if (!actor.permissions.has('users:manage')) return failure(request, 403, 'Недостаточно прав: выдавать логины и пароли может администратор.');

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return failure(request, 400, 'Неверный запрос: ожидалась форма.');
  }
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const parsed = requestSchema.safeParse({ classId: field('classId'), audience: field('audience'), mode: field('mode'), confirmReset: field('confirmReset') });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failure(request, 400, issue.message, String(issue.path[0] ?? 'form'));
  }
  const { classId, audience, mode } = parsed.data;
  const result = await issueCredentials(actor, { classId: classId === 'school' ? null : Number(classId), audience, mode });
  if (!result.ok) return failure(request, 400, result.error, result.field);

  const pdf = await renderCredentialSlips({
    schoolName: result.schoolName,
    siteAddress: siteAddress(request),
    slips: result.slips,
    title: `Логины и пароли — ${result.scopeLabel}`,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="logins-${result.fileTag}.pdf"`,
      'Content-Length': String(pdf.length),
      'Cache-Control': 'no-store',
      'X-Slip-Count': String(result.slips.length),
      // People of refusing families left out; the form says so next to the count.
      'X-Slips-Withheld': String(result.withheld),
      // Parents who are also staff, left out and named with the reason: URI-encoded, headers are ASCII.
      'X-Slips-Own-Accounts': encodeURIComponent(ownAccountsNote(result.ownAccounts)),
    },
  });
}

function requestHost(request: Request): string {
  return request.headers.get('x-forwarded-host')?.split(',')[0].trim() || request.headers.get('host') || new URL(request.url).host;
}

/** The address people type to sign in, as the admin's browser reached this server. */
function siteAddress(request: Request): string {
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0].trim() || new URL(request.url).protocol.replace(':', '');
  return `${proto}://${requestHost(request)}`;
}

/** Cookies are SameSite=Lax already; this also refuses a cross-site form that a browser marks as such. */
function sameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return !origin;
  try {
    return new URL(origin).host === requestHost(request);
  } catch {
    return false;
  }
}

/** JSON for the page's script, a short Russian page for a plain form post. */
function failure(request: Request, status: number, message: string, field?: string): Response {
  const headers = { 'Cache-Control': 'no-store' };
  if (request.headers.get('accept')?.includes('application/json')) return Response.json({ error: message, field }, { status, headers });
  const escaped = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="ru"><meta charset="utf-8"><title>Логины и пароли</title>` +
    `<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>Не удалось выдать логины</h1>` +
    `<p role="alert">${escaped}</p><p><a href="/admin/credentials">Вернуться к выдаче логинов</a></p></body></html>`;
  return new Response(html, { status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}
