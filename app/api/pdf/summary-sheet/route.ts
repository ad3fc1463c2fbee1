// GET /api/pdf/summary-sheet?classId=…[&periodId=…] — the class's summary sheet of final marks
// (сводная ведомость) for a period or the year, with the statistics, as an A4 PDF.
import { classIdParam, parseId, periodIdParam } from '@/lib/data/extracts/params';
import { summarySheet } from '@/lib/data/summary-sheet';
import { pdfHeaders, pdfRouteActor, refusalResponse } from '@/lib/pdf/http';
import { renderSummarySheet } from '@/lib/pdf/summary-sheet';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const { actor, refusal } = await pdfRouteActor(request);
  if (refusal) return refusal;
  const params = new URL(request.url).searchParams;
  const cls = parseId(classIdParam, params.get('classId'));
  if (!cls.ok) return refusalResponse(request, cls.status, cls.error);
  let periodId: number | null = null;
  if (params.get('periodId')) {
    const period = parseId(periodIdParam, params.get('periodId'));
    if (!period.ok) return refusalResponse(request, period.status, period.error);
    periodId = period.id;
  }
  const result = await summarySheet(actor, cls.id, periodId);
  if (!result.ok) return refusalResponse(request, result.status, result.error);
  const { sheet } = result;
  const pdf = await renderSummarySheet(sheet);
  return new Response(new Uint8Array(pdf), {
    headers: pdfHeaders(`summary-${sheet.classId}-${sheet.period.id}.pdf`, `Сводная ведомость ${sheet.className} ${sheet.period.name}.pdf`, { 'Content-Length': String(pdf.length) }),
  });
}
