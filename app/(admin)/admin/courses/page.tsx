import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePermission } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { teachersShown, teachingLoad } from '@/lib/data/teaching-load';
import { TeachersForm } from './teachers-form';
import { AddCourseForm } from './add-course-form';
import { DeleteCourseButton } from './delete-course';
import { CopyCoursesForm } from './copy-courses-form';
import { copyChoice } from '@/lib/data/teaching-load-copy';

export const metadata = { title: 'Учебная нагрузка' };

type Props = { searchParams: Promise<{ class?: string }> };

export default async function CoursesPage({ searchParams }: Props) {
  const actor = await requirePermission('timetable:manage');
  const params = await searchParams;
  const load = await teachingLoad(actor, parseId(params.class));
  if (!load) redirect('/forbidden');
  const { classes, pastClasses, chosen } = load;
  const copy = chosen?.editable ? await copyChoice(actor, chosen.id) : null;
  const pastYears = [...new Set(pastClasses.map((c) => c.year))];
  return (
    <div className="max-w-4xl">
      <h1 className="mb-2 text-2xl font-bold">Учебная нагрузка{chosen ? `: ${chosen.name} класс, ${chosen.year}` : ''}</h1>
      <p className="mb-4 text-muted">Какие предметы ведутся в классе и кто их ведёт. Изменения действуют сразу и записываются в журнал аудита. Нагрузку прошлых учебных лет изменить нельзя.</p>
      {classes.length === 0 ? <p className="text-muted">В текущем учебном году классов нет.</p> : (
        <nav aria-label="Классы" className="mb-6 flex flex-wrap gap-2">
          {classes.map((c) => (
            <Link key={c.id} href={`/admin/courses?class=${c.id}`} aria-current={c.id === chosen?.id ? 'page' : undefined}
              className={`rounded-md border px-3 py-1.5 ${c.id === chosen?.id ? 'border-accent font-bold' : 'border-line text-accent underline'}`}>
              {c.name}{classes.some((o) => o.year !== c.year) ? ` (${c.year})` : ''}
            </Link>
          ))}
        </nav>
      )}
      {pastYears.length > 0 && (
        <details open={chosen ? !chosen.editable : undefined} className="mb-6">
          <summary className="cursor-pointer text-accent">Прошлые учебные годы (только просмотр)</summary>
          {pastYears.map((year) => (
            <nav key={year} aria-label={`Классы ${year} учебного года`} className="mt-2 flex flex-wrap items-center gap-2">
              <span className="text-sm text-muted">{year}:</span>
              {pastClasses.filter((c) => c.year === year).map((c) => (
                <Link key={c.id} href={`/admin/courses?class=${c.id}`} aria-current={c.id === chosen?.id ? 'page' : undefined}
                  className={`rounded-md border px-3 py-1.5 ${c.id === chosen?.id ? 'border-accent font-bold' : 'border-line text-accent underline'}`}>
                  {c.name}
                </Link>
              ))}
            </nav>
          ))}
        </details>
      )}
      {!chosen ? (classes.length + pastClasses.length > 0 && <p className="text-muted">Выберите класс.</p>) : (
        <>
          {copy && (
            <section aria-labelledby="copy-heading" className="mb-8">
              <h2 id="copy-heading" className="mb-2 text-xl font-bold">Перенести предметы из класса прошлого года</h2>
              <p className="mb-3 text-sm text-muted">Курсы {chosen.name} класса можно не вводить по одному, а перенести из класса {copy.year} учебного года — по умолчанию из того, из которого класс переведён.</p>
              <CopyCoursesForm classId={chosen.id} choice={copy} />
            </section>
          )}
          <section aria-labelledby="courses-heading" className="mb-8">
            <h2 id="courses-heading" className="mb-2 text-xl font-bold">Курсы {chosen.name} класса, {chosen.year}</h2>
            {!chosen.editable && <p className="mb-3 font-bold">Учебный год {chosen.year} закончился: нагрузку этого класса можно только посмотреть.</p>}
            {chosen.editable && <p className="mb-3 text-sm text-muted">При смене учителя журнал курса переходит к новым учителям целиком, вместе с уже проведёнными уроками: отметки за них в пределах срока выставляет новый учитель, а снятый учитель журнал курса больше не видит. В записях уроков остаётся, кто их вёл. Удалить можно только курс, по которому ещё нет уроков, отметок, тем тематического плана и записей или изменений в расписании.</p>}
            {chosen.courses.length === 0 ? <p className="text-muted">У класса пока нет курсов.</p> : (
              <ul className="space-y-2">
                {chosen.courses.map((c) => {
                  const title = c.group ? `${c.subject}, ${c.group}` : c.subject;
                  return (
                    <li key={c.id} className="rounded-lg border border-line bg-white p-3">
                      <div className="flex flex-wrap items-start justify-between gap-2">
                        <div>
                          <h3 className="font-bold">{c.subject}{c.group && <span className="font-normal"> · группа «{c.group}»</span>}</h3>
                          <p className="text-sm">
                            {c.teachers.length ? c.teachers.map((t) => t.primary ? t.name : `${t.name} (второй учитель)`).join(', ') : <span className="text-danger">Учитель не назначен</span>}
                            {c.teachers.length > 0 && !c.teachers.some((t) => t.primary) && <span className="text-danger"> · основной учитель не назначен</span>}
                          </p>
                          <p className="text-sm text-muted">{c.scale} · проведено уроков: {c.lessons}</p>
                        </div>
                        {chosen.editable && c.lessons === 0 && <DeleteCourseButton courseId={c.id} title={title} />}
                      </div>
                      {chosen.editable && (
                        <details className="mt-2">
                          <summary className="cursor-pointer text-accent">Изменить учителей<span className="sr-only">: {title}</span></summary>
                          <div className="mt-2"><TeachersForm courseId={c.id} teachers={chosen.teachers} current={c.current} shown={teachersShown(c.current)} /></div>
                        </details>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          {chosen.editable && (
            <section aria-labelledby="add-heading">
              <h2 id="add-heading" className="mb-2 text-xl font-bold">Добавить курс</h2>
              <AddCourseForm classId={chosen.id} subjects={chosen.subjects} groups={chosen.groups} scales={chosen.scales} teachers={chosen.teachers} />
            </section>
          )}
        </>
      )}
    </div>
  );
}
