// Management's view of the journal deadlines (seed 002 §3.4–3.6): every late or missing entry of
// the school in a date range, lessons never opened included, grouped by teacher.
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { overdueReport, DEFAULT_DAYS, MAX_DAYS } from '@/lib/data/journal/overdue-report';
import { DEADLINE_RULE_LABELS, type DeadlineRule } from '@/lib/domain/journal-deadlines';
import { formatDateRu } from '@/lib/domain/calendar';
import { OverdueList } from '../overdue-list';
import { DeadlineRules } from '../deadline-rules';

export const metadata = { title: 'Просроченные записи' };

type Props = { searchParams: Promise<{ from?: string; to?: string; teacher?: string }> };

const RULES: DeadlineRule[] = ['topic', 'attendance', 'homework', 'marks'];
/** Lessons listed per teacher when all teachers are shown; one teacher's list is shown whole. */
const PER_TEACHER = 15;

export default async function OverduePage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const report = await overdueReport(user, { from: params.from, to: params.to, teacherId: parseId(params.teacher) ?? undefined });
  if (!report) redirect('/forbidden');
  const { from, to, byTeacher } = report;
  const hrefFor = (teacherId: number) => `/journal/overdue?${new URLSearchParams({ from, to, teacher: String(teacherId) })}`;
  const lessons = byTeacher.reduce((n, t) => n + t.lessons, 0);
  const unopened = byTeacher.reduce((n, t) => n + t.unopened, 0);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="mb-1 text-2xl font-bold">Просроченные записи в журнале</h1>
        <DeadlineRules homeworkGraceMinutes={report.homeworkGraceMinutes} markEntryDays={report.markEntryDays} />
      </div>
      <form className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-3">
        <label className="flex flex-col text-sm">С<input type="date" name="from" defaultValue={from} className="mt-1 rounded-md border border-line px-3 py-2 text-base" /></label>
        <label className="flex flex-col text-sm">По<input type="date" name="to" defaultValue={to} className="mt-1 rounded-md border border-line px-3 py-2 text-base" /></label>
        <label className="flex flex-col text-sm">Учитель
          <select name="teacher" defaultValue={report.teacherId ?? ''} className="mt-1 rounded-md border border-line px-3 py-2 text-base">
            <option value="">Все учителя</option>
            {report.teachers.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
        <button className="rounded-md border border-accent px-4 py-2 text-accent">Показать</button>
      </form>
      <p>
        {formatDateRu(from)} – {formatDateRu(to)}: уроков с просроченными записями — <strong>{lessons}</strong>, из них не открыто в журнале — <strong>{unopened}</strong>.
        {report.shortened && <span className="block text-sm text-muted">Период сокращён до {MAX_DAYS} дней.</span>}
        {!params.from && !params.to && <span className="block text-sm text-muted">По умолчанию — последние {DEFAULT_DAYS} дней.</span>}
      </p>
      {byTeacher.length === 0 ? (
        <p className="rounded-lg border border-line bg-white p-4 text-muted">Просроченных записей нет.</p>
      ) : (
        <>
          {report.teacherId === null && (
            <div className="overflow-x-auto rounded-lg border border-line bg-white">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-line bg-accent-soft">
                  <tr>
                    <th className="px-3 py-2">Учитель</th><th className="px-3 py-2">Уроков</th><th className="px-3 py-2">Не открыто</th>
                    {RULES.map((r) => <th key={r} className="px-3 py-2">{DEADLINE_RULE_LABELS[r]}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {byTeacher.map((t) => (
                    <tr key={t.teacherId} className="border-b border-line last:border-0">
                      <td className="px-3 py-2"><Link href={hrefFor(t.teacherId)} className="text-accent underline">{t.teacherName}</Link></td>
                      <td className="px-3 py-2">{t.lessons}</td>
                      <td className="px-3 py-2">{t.unopened}</td>
                      {RULES.map((r) => <td key={r} className="px-3 py-2">{t.byRule[r]}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {byTeacher.map((t) => (
            <section key={t.teacherId} aria-labelledby={`teacher-${t.teacherId}`} className="space-y-2">
              <h2 id={`teacher-${t.teacherId}`} className="text-xl font-bold">{t.teacherName} <span className="text-base font-normal text-muted">· уроков: {t.lessons}</span></h2>
              <OverdueList items={t.items} unopened="link" limit={report.teacherId === null ? PER_TEACHER : Infinity} moreHref={hrefFor(t.teacherId)} />
            </section>
          ))}
        </>
      )}
    </div>
  );
}
