// Results of journal writes. Expected refusals are values, not exceptions: a server action
// passes them to the browser as they are (a thrown error would reach it as an HTTP 500).
export type Failure = { ok: false; error: string; field?: string };
export type Result<T = object> = ({ ok: true } & T) | Failure;

export const fail = (error: string, field?: string): Failure => (field ? { ok: false, error, field } : { ok: false, error });

export const MESSAGES = {
  denied: 'Недостаточно прав для этого действия',
  lessonNotWritable: 'Этот урок ведёт другой учитель: вносить в него записи нельзя',
  lessonNotFound: 'Урок не найден',
  lessonCancelled: 'Этот урок отменён (замены и изменения расписания): открыть его нельзя',
  lessonMovedAway: 'Этот урок перенесён',
  heldByOther: 'Урок уже проведён другим учителем (выставлены отметки или отмечена посещаемость): передать его замещающему нельзя',
  courseNotFound: 'Журнал не найден или недоступен',
  topicNotInPlan: 'Тема не из КТП этого курса',
  substituteNotFound: 'Замещающий учитель не найден',
  pupilNotInCourse: 'Ученик не учится в этом классе или группе на дату урока',
  notHeldYet: 'Урок ещё не проведён: отметки и отсутствующие вносятся по факту — в день урока или позже',
  periodClosed: 'Учебный период закрыт: изменения возможны только после его открытия администрацией',
  yearEnded: 'Учебный год этого журнала завершён: отметки, посещаемость, темы и домашние задания в него больше не вносятся, журнал открыт только для просмотра',
  notOnScale: (values: readonly string[]) => `Такой отметки нет в шкале предмета (допустимо: ${values.join(', ')})`,
  badCode: 'Нет такого кода посещаемости (допустимо: Н, Б, УП, ОП)',
  badWorkType: 'Неизвестная форма контроля',
  noSuchDate: 'Такой даты нет в календаре',
  unexpected: 'Не удалось сохранить. Проверьте соединение и повторите (Enter).',
} as const;
