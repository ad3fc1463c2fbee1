// GET /api/pdf/class-extracts?classId=…&week=YYYY-MM-DD[&all=1][&duplex=1] — the weekly extracts
// of a class (no classId: the whole school, for management) as one PDF, pupil after pupil.
// By default only families informed on paper; all=1 prints everyone. duplex=1 is for a
// double-sided printer: each pupil gets an even number of pages, so a sheet never carries two
// pupils; without it (most school printers) no blank pages are added. The body is streamed
// while it is drawn; X-Pupil-Count lets the print page show progress against the total.
import { writeAudit } from '@/lib/audit';
import { getDb } from '@/lib/db';
import { batchExtracts, planBatch } from '@/lib/data/extracts/class-batch';
import { classIdParam, parseId } from '@/lib/data/extracts/params';
import { streamExtractBatch } from '@/lib/pdf/extract-batch';
import { pdfHeaders, pdfRouteActor, refusalResponse } from '@/lib/pdf/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const { actor, refusal } = await pdfRouteActor(request);
  if (refusal) return refusal;
  const params = new URL(request.url).searchParams;
  const rawClass = params.get('classId');
  let classId: number | null = null;
  if (rawClass !== null && rawClass !== 'school') {
    const parsed = parseId(classIdParam, rawClass);
    if (!parsed.ok) return refusalResponse(request, parsed.status, parsed.error);
    classId = parsed.id;
  }
  const result = await planBatch(actor, { classId, week: params.get('week'), all: params.get('all') === '1' });
  if (!result.ok) return refusalResponse(request, result.status, result.error);

  const { plan } = result;
  await writeAudit(getDb(), {
    schoolId: actor.schoolId, actorId: actor.id, action: 'extract.batch', entityType: classId ? 'SchoolClass' : 'School', entityId: classId ?? actor.schoolId,
    details: { week: plan.monday, pupils: plan.pupils.length, onlyPaper: plan.onlyPaper },
  });
  const label = plan.scopeLabel.replace(/\s+/g, '-');
  const stream = streamExtractBatch(
    batchExtracts(plan),
    { title: `Выписки — ${plan.scopeLabel}, неделя с ${plan.monday}`, author: 'Электронный журнал' },
    { duplex: params.get('duplex') === '1' },
  );
  return new Response(stream, {
    headers: pdfHeaders(`extracts-${classId ?? 'school'}-${plan.monday}.pdf`, `Выписки ${label} ${plan.monday}.pdf`, { 'X-Pupil-Count': String(plan.pupils.length) }),
  });
}
