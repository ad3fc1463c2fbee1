// Column headers: one per lesson (date, weekday, kind; a test stands out) linking to the lesson
// page, then the per-pupil figures and the final mark.
import Link from 'next/link';
import { memo } from 'react';
import { WEEKDAY_SHORT_RU, isoWeekday } from '@/lib/domain/calendar';
import type { GradingScaleKind } from '@/lib/domain/grading';
import type { GridLessonProps } from './types';

const KIND_SHORT: Record<string, string> = { LESSON: '', TEST: 'К/р', QUIZ: 'П/р', LAB: 'Л/р', PRACTICAL: 'Пр/р', DICTATION: 'Дикт.', EXCURSION: 'Экск.' };
const KIND_FULL: Record<string, string> = { LESSON: 'урок', TEST: 'контрольная работа', QUIZ: 'проверочная работа', LAB: 'лабораторная работа', PRACTICAL: 'практическая работа', DICTATION: 'диктант', EXCURSION: 'экскурсия' };

const th = 'sticky top-0 z-20 border-b border-r border-line px-1 py-1 text-center align-bottom text-xs font-normal';

function Header({ lessons, scaleKind }: { lessons: GridLessonProps[]; scaleKind: GradingScaleKind }) {
  return (
    <thead>
      <tr>
        <th scope="col" className={`${th} left-0 z-30 bg-stone-50 px-2 text-left text-sm`}>Ученик</th>
        {lessons.map((l) => {
          const [, m, d] = l.date.split('-');
          const test = l.kind === 'TEST';
          return (
            <th key={l.id} scope="col" className={`${th} ${test ? 'bg-amber-100 text-amber-950' : 'bg-stone-50'}`} title={`${l.topic ?? 'Тема не указана'} — ${KIND_FULL[l.kind] ?? l.kind}${l.isSubstitution ? ', замена' : ''}`}>
              <Link href={`/journal/lessons/${l.id}`} tabIndex={-1} className="block rounded hover:bg-accent-soft">
                <span className="block text-muted">{WEEKDAY_SHORT_RU[isoWeekday(l.date) - 1]}</span>
                <span className={`block text-sm ${test ? 'font-bold' : ''}`}>{d}.{m}</span>
                <span className="block min-h-4 font-bold">{KIND_SHORT[l.kind] ?? ''}{l.isSubstitution ? ' ⇄' : ''}{l.plannedTest && !test ? ' ★' : ''}</span>
              </Link>
            </th>
          );
        })}
        <th scope="col" className={`${th} bg-stone-50`} title="Количество отметок">Кол.</th>
        <th scope="col" className={`${th} bg-stone-50`} title="Средний балл">Ср.</th>
        <th scope="col" className={`${th} bg-stone-50`} title="Средневзвешенный балл">Ср.&nbsp;взв.</th>
        <th scope="col" className={`${th} bg-stone-50`} title={scaleKind === 'FIVE_POINT' ? 'Прогноз отметки за период по правилу школы' : 'Прогноз не рассчитывается для этой шкалы'}>Прогноз</th>
        <th scope="col" className={`${th} bg-accent-soft`}>Итог</th>
      </tr>
    </thead>
  );
}

export const GridHeader = memo(Header);
