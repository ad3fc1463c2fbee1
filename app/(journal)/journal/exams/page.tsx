// ГИА results of a class (management, 'periods:close'): choose the class, exam and date, fill in
// the table, save it and publish it; families see published results after the school's delay.
import { requirePermission } from '@/lib/auth/current-user';
import { EXAM_PERMISSION, examChoices, examSheet } from '@/lib/data/exams';
import { EXAM_KIND_LABELS } from '@/lib/domain/diary-format';
import { formatDateRu } from '@/lib/domain/calendar';
import { fieldErrors } from '@/lib/form-errors';
import { examTargetSchema } from './params';
import { ExamSheetForm } from './exam-sheet';

export const metadata = { title: 'Результаты ГИА' };

type Props = { searchParams: Promise<{ classId?: string; kind?: string; subjectId?: string; date?: string }> };

// max-w-full: a long subject name must not widen the form past a phone's screen.
const select = 'mt-1 max-w-full rounded-md border px-3 py-2 text-base';

export default async function ExamsPage({ searchParams }: Props) {
  const actor = await requirePermission(EXAM_PERMISSION);
  const choices = (await examChoices(actor))!;
  const params = await searchParams;
  const chosen = params.classId !== undefined;
  const target = examTargetSchema.safeParse({ classId: params.classId, kind: params.kind, subjectId: params.subjectId, date: params.date ?? '' });
  const loaded = chosen && target.success ? await examSheet(actor, target.data) : null;
  const errors: Record<string, string> = chosen && !target.success ? fieldErrors(target.error.issues) : loaded && !loaded.ok ? { [loaded.field ?? 'classId']: loaded.error } : {};
  const err = (name: string) => errors[name] && <p id={`exam-${name}-error`} className="mt-1 text-sm text-danger">{errors[name]}</p>;
  const described = (name: string) => ({ 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': errors[name] ? `exam-${name}-error` : undefined, className: `${select} ${errors[name] ? 'border-danger' : 'border-line'}` });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="mb-1 text-2xl font-bold">Результаты ГИА</h1>
        <p className="text-muted">ОГЭ — 9 классы, ЕГЭ — 11 классы, ГВЭ — оба. Пустая строка — ученик не сдавал экзамен (не явился). Сохранённые результаты видны семьям только после публикации, с задержкой, установленной школой; изменённый опубликованный результат снова нужно опубликовать.</p>
        <p className="text-muted">До 30 сентября можно вносить и исправлять результаты классов закончившегося учебного года: пересдачи в сентябре и летние исправления. Ученики таких классов берутся на 31 августа.</p>
      </div>
      {choices.classes.length === 0 ? <p className="rounded-lg border border-line bg-white p-3">Нет 9 и 11 классов, результаты которых можно вносить.</p> : (
        <form className="flex flex-wrap items-start gap-3 rounded-lg border border-line bg-white p-3">
          <label className="flex min-w-0 max-w-full flex-col text-sm">Класс
            <select name="classId" defaultValue={params.classId ?? ''} {...described('classId')}>
              <option value="">—</option>
              {choices.classes.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.year})</option>)}
            </select>{err('classId')}
          </label>
          <label className="flex min-w-0 max-w-full flex-col text-sm">Экзамен
            <select name="kind" defaultValue={params.kind ?? ''} {...described('kind')}>
              <option value="">—</option>
              {(['OGE', 'EGE', 'GVE'] as const).map((k) => <option key={k} value={k}>{EXAM_KIND_LABELS[k]}</option>)}
            </select>{err('kind')}
          </label>
          <label className="flex min-w-0 max-w-full flex-col text-sm">Предмет
            <select name="subjectId" defaultValue={params.subjectId ?? ''} {...described('subjectId')}>
              <option value="">—</option>
              {choices.subjects.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>{err('subjectId')}
          </label>
          <label className="flex min-w-0 max-w-full flex-col text-sm">Дата экзамена
            <input type="date" name="date" defaultValue={params.date ?? ''} {...described('date')} />{err('date')}
          </label>
          <button className="mt-6 rounded-md bg-accent px-4 py-2 text-white">Открыть</button>
        </form>
      )}
      {loaded?.ok && (
        <section aria-labelledby="exam-sheet-title" className="space-y-3">
          <h2 id="exam-sheet-title" className="text-xl font-bold">
            {EXAM_KIND_LABELS[loaded.sheet.kind]}, {loaded.sheet.subject}, {loaded.sheet.className} — {formatDateRu(loaded.sheet.date)}
          </h2>
          <ExamSheetForm key={JSON.stringify(params)} sheet={loaded.sheet} target={{ classId: target.data!.classId, kind: target.data!.kind, subjectId: target.data!.subjectId, date: target.data!.date }} />
        </section>
      )}
    </div>
  );
}
