// What a diary line says changed about a lesson.
import { describe, expect, it } from 'vitest';
import { changeText } from '../../components/diary/lesson-item';
import type { DiaryWeekLesson } from '../../lib/data/diary/week';

const lesson = (l: Partial<DiaryWeekLesson>) => ({ status: 'regular', substitute: null, movedTo: null, movedFrom: null, ...l }) as DiaryWeekLesson;

describe('changeText', () => {
  it('names the substitute of a lesson moved in or held outside the timetable', () => {
    expect(changeText(lesson({ status: 'moved-in', movedFrom: { date: '2026-11-23', slot: 2 }, substitute: 'Заменова Е.' }))).toBe('Перенесён с 23 ноября, 2-го урока; ведёт Заменова Е.');
    expect(changeText(lesson({ status: 'extra', substitute: 'Заменова Е.' }))).toBe('Урок вне расписания; ведёт Заменова Е.');
    expect(changeText(lesson({ status: 'moved-in', movedFrom: { date: '2026-11-23', slot: 2 } }))).toBe('Перенесён с 23 ноября, 2-го урока');
  });

  it('says nothing of a regular lesson', () => {
    expect(changeText(lesson({}))).toBeNull();
  });
});
