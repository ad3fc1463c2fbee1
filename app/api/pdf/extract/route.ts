// GET /api/pdf/extract?studentId=…&week=YYYY-MM-DD — one pupil's weekly extract (A4 PDF).
// A parent prints their own child's, a class teacher their class's, management any pupil's.
import { writeAudit } from '@/lib/audit';
import { getDb } from '@/lib/db';
import { parseId, studentIdParam } from '@/lib/data/extracts/params';
import { loadWeekExtract } from '@/lib/data/extracts/week-extract';
import { pdfHeaders, pdfRouteActor, refusalResponse } from '@/lib/pdf/http';
import { renderWeekExtract } from '@/lib/pdf/week-extract';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const { actor, refusal } = await pdfRouteActor(request);
  if (refusal) return refusal;
  const params = new URL(request.url).searchParams;
  const student = parseId(studentIdParam, params.get('studentId'));
  if (!student.ok) return refusalResponse(request, student.status, student.error);
  const result = await loadWeekExtract(actor, student.id, params.get('week'));
  if (!result.ok) return refusalResponse(request, result.status, result.error);

  const { extract } = result;
  // The audit row is written while the PDF is drawn; the response waits for both.
  const audited = writeAudit(getDb(), { schoolId: actor.schoolId, actorId: actor.id, action: 'extract.print', entityType: 'User', entityId: student.id, details: { week: extract.weekStart } });
  const pdf = await renderWeekExtract(extract);
  await audited;
  return new Response(new Uint8Array(pdf), {
    headers: pdfHeaders(`extract-${extract.weekStart}.pdf`, `Выписка ${extract.pupilName} ${extract.weekStart}.pdf`, { 'Content-Length': String(pdf.length) }),
  });
}
