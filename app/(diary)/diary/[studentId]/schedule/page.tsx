// The timetable with its changes, the schedule of tests of the term and the holidays (seed 000 §2).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { openDiary, parseStudentId } from '@/lib/data/diary/open';
import { diarySchedule } from '@/lib/data/diary/schedule';
import { formatDateRu, formatDayMonthRu, WEEKDAY_NAMES_RU } from '@/lib/domain/calendar';
import { DiaryHeader } from '@/components/diary/diary-header';
import { closedDiaryOrNotFound } from '@/components/diary/closed-diary';
import { changeSentence } from '@/components/diary/change-sentence';
import { TeachersList } from '@/components/diary/teachers-list';
import { diaryTeachers } from '@/lib/data/diary/teachers';

export const metadata: Metadata = { title: 'Дневник: расписание' };

const JUMPS = [
  ['#changes', 'Изменения'],
  ['#timetable', 'Уроки'],
  ['#tests', 'Контрольные'],
  ['#holidays', 'Каникулы'],
  ['#teachers', 'Учителя'],
] as const;

type Props = { params: Promise<{ studentId: string }> };

export default async function DiarySchedulePage({ params }: Props) {
  const user = await requireUser();
  const studentId = parseStudentId((await params).studentId);
  const [diary, s, teachers] = await Promise.all([openDiary(user, studentId), diarySchedule(user, studentId), diaryTeachers(user, studentId)]);
  // Not this family's, or closed by the family's refusal: the latter is explained.
  if (!diary) return closedDiaryOrNotFound(user, studentId, 'schedule');
  if (!s || !teachers) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <DiaryHeader diary={diary} section="schedule" />
      <nav aria-label="На этой странице">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {JUMPS.map(([href, label]) => (
            <li key={href}>
              <a href={href} className="inline-flex min-h-11 items-center text-accent underline underline-offset-2">{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section id="changes" aria-labelledby="changes-title" className="space-y-2">
        <h2 id="changes-title" className="text-xl font-bold">Изменения в расписании на две недели</h2>
        {s.changes.length === 0 ? (
          <p className="text-muted">Изменений нет.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {s.changes.map((c, i) => (
              <li key={i} className="p-3">
                <span className="block text-sm text-muted">{formatDayMonthRu(c.date)}, {c.slot}-й урок</span>
                <span className="font-bold">{c.subject}</span>: {changeSentence(c)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section id="timetable" aria-labelledby="timetable-title" className="space-y-3">
        <h2 id="timetable-title" className="text-xl font-bold">Расписание уроков</h2>
        <div className="grid gap-3 sm:grid-cols-2">
          {s.timetable.map((d) => (
            <section key={d.weekday} aria-labelledby={`wd-${d.weekday}`} className="rounded-lg border border-line bg-white">
              <h3 id={`wd-${d.weekday}`} className="bg-[#f4f2ec] px-3 py-2 font-bold first-letter:uppercase">{WEEKDAY_NAMES_RU[d.weekday - 1]}</h3>
              {d.lessons.length === 0 ? (
                <p className="px-3 py-2 text-muted">Уроков нет</p>
              ) : (
                <ol className="divide-y divide-line">
                  {d.lessons.map((l) => (
                    <li key={`${l.slot}-${l.courseId}`} className="grid grid-cols-[2rem_1fr] gap-2 px-3 py-2">
                      <span className="font-bold text-muted">{l.slot}</span>
                      <span>
                        {l.subject}
                        {l.group && <span className="text-muted"> ({l.group})</span>}
                        <span className="block text-sm text-muted">
                          {l.time ? `${l.time.start}–${l.time.end}` : ''}
                          {l.room ? ` · каб. ${l.room}` : ''}
                          {l.teacher ? ` · ${l.teacher}` : ''}
                        </span>
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ))}
        </div>
      </section>

      <section id="tests" aria-labelledby="tests-title" className="space-y-2">
        <h2 id="tests-title" className="text-xl font-bold">График контрольных работ{s.term ? `: ${s.term.name}` : ''}</h2>
        {s.tests.length === 0 ? (
          <p className="text-muted">Контрольные работы не запланированы.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {s.tests.map((t) => (
              <li key={t.lessonId} className={`p-3 ${t.past ? 'text-muted' : ''}`}>
                <span className="block text-sm">
                  {formatDateRu(t.date)}, {t.slot}-й урок{t.cancelled ? ' · отменена' : t.past ? ' · прошла' : ''}
                  {t.movedFrom && ` · перенесена с ${formatDayMonthRu(t.movedFrom)}`}
                </span>
                <span className="font-bold">{t.subject}</span> — {t.kindLabel}
                {t.topic && <span className="block text-sm">{t.topic}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section id="holidays" aria-labelledby="holidays-title" className="space-y-2">
        <h2 id="holidays-title" className="text-xl font-bold">Каникулы и выходные дни</h2>
        {s.holidays.length === 0 ? (
          <p className="text-muted">Каникулы на этот учебный год пока не внесены.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {s.holidays.map((h) => (
              <li key={`${h.startDate}-${h.name}`} className={`p-3 ${h.endDate < s.today ? 'text-muted' : ''}`}>
                <span className="font-bold">{h.name}</span>
                <span className="block text-sm">
                  {h.startDate === h.endDate ? formatDateRu(h.startDate) : `${formatDateRu(h.startDate)} – ${formatDateRu(h.endDate)}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <TeachersList t={teachers} />
    </div>
  );
}
