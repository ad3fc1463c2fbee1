// The diary week (lib/data/diary/week.ts) as the extract prints it: the same lessons, topics,
// homework (given and due), marks with the teacher's comments, absences and timetable changes as
// the diary's lesson shows them (components/diary/lesson-item.tsx), worded for paper. Pure, so
// the e-mail digest and the PDF are built from one object and the tests can compare them.
import type { DiaryWeek, DiaryWeekLesson } from '../diary/week';
import type { DiaryMark } from '../diary/courses';
import type { ExtractLesson, ExtractMark, ExtractSubject, WeekExtract } from '../../pdf/extract-model';
import type { Forecast } from '../../domain/forecast';
import { formatAverage } from '../../domain/averages';

const formatDate = (iso: string) => iso.slice(8, 10) + '.' + iso.slice(5, 7);

/** «Английский язык (2 группа)» for a group named «Английский язык, 2 группа». */
export function subjectWithGroup(subject: string, group: string | null): string {
  if (!group) return subject;
  const rest = group.toLowerCase().startsWith(subject.toLowerCase()) ? group.slice(subject.length).replace(/^[\s,.:;—–-]+/, '') : group;
  return rest ? `${subject} (${rest})` : subject;
}

/** What a parent needs to know about a timetable change, in a few words. */
function changeNote(l: DiaryWeekLesson): string | null {
  switch (l.status) {
    case 'substitution':
      return l.substitute ? `замена: ${l.substitute}` : 'замена учителя';
    case 'cancelled':
      return 'урок отменён' + (l.changeReason ? ` (${l.changeReason})` : '');
    case 'moved-away':
      return l.movedTo ? `перенесён на ${formatDate(l.movedTo.date)}, ${l.movedTo.slot}-й урок` : 'урок перенесён';
    case 'moved-in':
      return l.movedFrom ? `перенесён с ${formatDate(l.movedFrom.date)}` : 'перенесённый урок';
    case 'extra':
      return 'дополнительный урок';
    default:
      return null;
  }
}

function topicOf(l: DiaryWeekLesson): string | null {
  const special = l.kind !== 'LESSON' ? l.kindLabel : null;
  if (!l.topic) return special;
  const topic = l.topic.toLowerCase();
  // «Контрольная работа» before «Контрольный диктант № 5» says nothing new.
  const named = special && (topic.includes(special.toLowerCase()) || topic.slice(0, 6) === special.toLowerCase().slice(0, 6) || topic.includes(special.toLowerCase().split(' ')[0]));
  if (special && !named) return `${special}: ${l.topic}`;
  return l.topic;
}

const files = (h: { attachments: unknown[] }) => (h.attachments.length ? ` (приложено файлов: ${h.attachments.length}, спросите у учителя)` : '');
const individually = (h: { individual: boolean }) => (h.individual ? 'Индивидуально: ' : '');
const markOf = (m: DiaryMark): ExtractMark => ({ value: m.value, workType: m.workTypeShort, weight: m.weight, comment: m.comment });

function lessonOf(l: DiaryWeekLesson): ExtractLesson {
  return {
    slot: l.slot,
    subject: subjectWithGroup(l.subject, l.group),
    topic: topicOf(l),
    // As in the diary: the notice stands only on a plain lesson; a test lesson says so in its topic.
    plannedTest: l.kind === 'LESSON' && l.plannedTest,
    homeworkDue: l.homeworkDue.map((h) => `${individually(h)}${h.text} (задано ${formatDate(h.givenOn)})`),
    homework: [
      ...(l.noHomework ? ['не задано'] : []),
      ...l.homework.map((h) => individually(h) + h.text + (h.dueDate ? ` (к ${formatDate(h.dueDate)})` : '') + files(h)),
    ],
    marks: l.marks.map(markOf),
    attendance: l.attendance?.code ?? null,
    attendanceComment: l.attendance?.comment || null,
    change: changeNote(l),
    room: l.roomChanged && l.room ? l.room : null,
  };
}

export function forecastText(forecast: Forecast | null): string | null {
  const p = forecast?.proposal;
  if (!p || p.kind === 'insufficient') return null;
  return p.kind === 'mark' ? String(p.value) : `${p.lower} или ${p.upper}`;
}

export function extractSubject(s: DiaryWeek['subjects'][number]): ExtractSubject {
  return {
    subject: subjectWithGroup(s.subject, s.group),
    markCount: s.count,
    average: s.average === null ? null : formatAverage(s.average),
    weightedAverage: s.weightedAverage === null ? null : formatAverage(s.weightedAverage),
    forecast: forecastText(s.forecast),
  };
}

export function extractFromDiaryWeek(week: DiaryWeek, extra: { classTeacherName: string | null }): WeekExtract {
  const days = week.days.map((d) => ({
    date: d.date,
    holiday: d.holiday,
    lessons: [
      ...d.lessons.map(lessonOf),
      // Marks entered that day without a lesson still belong on the page.
      ...d.otherMarks.map((m): ExtractLesson => ({
        slot: null,
        subject: m.subject,
        topic: 'отметка без урока',
        plannedTest: false,
        homeworkDue: [],
        homework: [],
        marks: [markOf(m)],
        attendance: null,
        attendanceComment: null,
        change: null,
        room: null,
      })),
    ],
  }));
  return {
    studentId: week.student.id,
    schoolName: week.schoolName,
    pupilName: week.student.name,
    className: week.student.className ?? '—',
    weekStart: week.monday,
    weekEnd: week.days[week.days.length - 1]?.date ?? week.monday,
    periodName: week.period?.name ?? null,
    classTeacherName: extra.classTeacherName,
    days,
    subjects: week.subjects.map(extractSubject),
    late: [],
    generatedOn: week.today,
  };
}
