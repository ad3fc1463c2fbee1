// A minimal, mail-client-safe HTML frame: inline styles only, tables for layout (many mail
// clients ignore <style> and flexbox), and escaping for every value that came from the database.
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const CELL = 'padding:4px 8px;border-bottom:1px solid #d5dae0;vertical-align:top;';
export const HEAD = 'padding:4px 8px;border-bottom:1px solid #9aa3ad;color:#5f6b7a;font-weight:normal;text-align:left;font-size:12px;';

export function htmlLetter(title: string, body: string, footer: string): string {
  return (
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:16px;background:#f5f7f9;font-family:'PT Sans',Arial,sans-serif;color:#1f2933;font-size:14px;line-height:1.4">` +
    `<div style="max-width:720px;margin:0 auto;background:#ffffff;padding:16px 20px;border:1px solid #d5dae0">${body}` +
    `<p style="margin-top:24px;color:#5f6b7a;font-size:12px">${footer}</p></div></body></html>`
  );
}

export const STANDARD_FOOTER =
  'Письмо отправлено электронным журналом школы, потому что вы выбрали получение сведений по электронной почте. ' +
  'Изменить способ получения можно в школе, написав заявление классному руководителю. Отвечать на это письмо не нужно.';
