// One line of the paper diary: number and time, subject, what changed, topic, homework, marks
// with work type and weight, the teacher's comments and the attendance code. Styled by the short
// classes of diary.css: a week repeats this some forty times.
import type { DiaryWeekLesson } from '@/lib/data/diary/week';
import { formatDayMonthRu, formatDateRu } from '@/lib/domain/calendar';
import { PLANNED_TEST } from '@/lib/domain/diary-format';
import { MarkBadge } from './mark-badge';

/** A moved or extra lesson taught by someone else names them too. */
const substitutedBy = (l: DiaryWeekLesson) => (l.substitute ? `; ведёт ${l.substitute}` : '');

export function changeText(l: DiaryWeekLesson): string | null {
  switch (l.status) {
    case 'substitution':
      return l.substitute ? `Замена: ведёт ${l.substitute}` : 'Замена учителя';
    case 'cancelled':
      return 'Урок отменён';
    case 'moved-away':
      return l.movedTo ? `Перенесён на ${formatDayMonthRu(l.movedTo.date)}, ${l.movedTo.slot}-й урок` : 'Урок перенесён';
    case 'moved-in':
      return (l.movedFrom ? `Перенесён с ${formatDayMonthRu(l.movedFrom.date)}, ${l.movedFrom.slot}-го урока` : 'Перенесённый урок') + substitutedBy(l);
    case 'extra':
      return 'Урок вне расписания' + substitutedBy(l);
    default:
      return null;
  }
}

export function LessonItem({ lesson: l, studentId }: { lesson: DiaryWeekLesson; studentId: number }) {
  const gone = l.status === 'cancelled' || l.status === 'moved-away';
  const change = changeText(l);
  const kind = l.kind !== 'LESSON' ? l.kindLabel : l.plannedTest ? PLANNED_TEST : null;
  return (
    <li>
      <span className="dw-n">
        <b>{l.slot}</b>
        {l.time && <small>{l.time.start}</small>}
      </span>
      <div className={gone ? 'dw-body dw-gone' : 'dw-body'}>
        <div className="dw-head">
          <div>
            <h4>
              {l.subject}
              {l.group && <span> ({l.group})</span>}
            </h4>
            {kind && <p className="dw-kind">{kind}</p>}
          </div>
          {(l.marks.length > 0 || l.attendance) && (
            <div className="dw-marks">
              {l.attendance && (
                <span className="dw-att" data-c={l.attendance.code} title={l.attendance.label}>
                  <span className="sr-only">Посещаемость: </span>
                  {l.attendance.code}
                </span>
              )}
              {l.marks.map((m) => (
                <MarkBadge key={m.id} value={m.value} scale={l.scale} workType={m.workTypeShort || m.workType} weight={m.weight} />
              ))}
            </div>
          )}
        </div>
        {change && <p className="dw-change">{l.changeReason ? `${change} (${l.changeReason})` : change}</p>}
        {l.roomChanged && l.room && <p className="dw-change">Другой кабинет: {l.room}</p>}
        {l.topic && (
          <p>
            <i>Тема: </i>
            {l.topic}
          </p>
        )}
        {l.homeworkDue.map((h) => (
          <p key={`due-${h.id}`}>
            <b>{h.individual ? 'К уроку (индивидуально): ' : 'К уроку: '}</b>
            {h.text}
            <i> — задано {formatDayMonthRu(h.givenOn)}</i>
          </p>
        ))}
        {l.homework.map((h) => (
          <p key={h.id}>
            <b>{h.individual ? 'Д/з (индивидуально): ' : 'Д/з: '}</b>
            {h.text}
            {h.dueDate && <i> — к {formatDateRu(h.dueDate)}</i>}
            {h.attachments.map((a) => (
              <a key={a.id} href={`/diary/${studentId}/files/${a.id}`} className="dw-file" download>
                {a.fileName}
              </a>
            ))}
          </p>
        ))}
        {l.noHomework && (
          <p>
            <b>Д/з: </b>не задано
          </p>
        )}
        {l.attendance && (
          <p>
            <i>
              {l.attendance.code} — {l.attendance.label}
              {l.attendance.comment ? `: ${l.attendance.comment}` : ''}
            </i>
          </p>
        )}
        {l.marks
          .filter((m) => m.comment)
          .map((m) => (
            <p key={m.id} className="dw-note">
              <i>Комментарий к отметке {m.value}: </i>
              {m.comment}
            </p>
          ))}
      </div>
    </li>
  );
}
