// The teachers who work with the pupil's class and groups (seed 000 §2).
import type { DiaryTeachers } from '@/lib/data/diary/teachers';

export function TeachersList({ t }: { t: DiaryTeachers }) {
  return (
    <section id="teachers" aria-labelledby="teachers-title" className="space-y-2">
      <h2 id="teachers-title" className="text-xl font-bold">Учителя</h2>
      <p className="rounded-lg border border-line bg-white p-3">
        <span className="block text-sm text-muted">Классный руководитель{t.className ? ` ${t.className} класса` : ''}</span>
        <span className="text-lg font-bold">{t.classTeacher?.fullName ?? 'не назначен'}</span>
      </p>
      {t.groups.length > 0 && (
        <p>
          <span className="text-muted">Группы: </span>
          {t.groups.map((g) => g.name).join('; ')}
        </p>
      )}
      {t.subjects.length === 0 ? (
        <p className="text-muted">Учебных предметов у ученика сейчас нет.</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-white">
          {t.subjects.map((s) => (
            <li key={s.courseId} className="p-3">
              <span className="block font-bold">{s.group ? `${s.subject} (${s.group})` : s.subject}</span>
              <span>{s.teachers.length ? s.teachers.map((x) => x.fullName).join(', ') : 'учитель не назначен'}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
