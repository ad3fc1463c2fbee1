// What one weekly extract prints: plain data, built by lib/data/extracts from the diary week
// and shared by the PDF, the e-mail digest (lib/mail) and the tests. No database types here,
// so the renderers stay pure and can be timed and tested on their own.

export type ExtractMark = {
  /** As written in the journal: '5', 'зач', '8'. */
  value: string;
  /** The work type's short name, e.g. 'к/р'. */
  workType: string;
  weight: number | null;
  /** The teacher's comment on the mark: a diary must carry the teachers' remarks. */
  comment: string | null;
};

export type ExtractLesson = {
  /** Null for a mark entered that day without a lesson. */
  slot: number | null;
  subject: string;
  topic: string | null;
  /** A plain lesson at which the teacher has announced a test («Запланирована контрольная работа»). */
  plannedTest: boolean;
  /** Homework given earlier and due at this lesson: '№ 5, 6 (задано 16.11)'. */
  homeworkDue: string[];
  /** Class homework and this pupil's individual homework, with its due date: '§ 21 (к 25.11)'. */
  homework: string[];
  marks: ExtractMark[];
  /** 'Н', 'Б', 'УП', 'ОП' or null. */
  attendance: string | null;
  /** What the teacher wrote on the attendance record ('справка от врача'), or null. */
  attendanceComment: string | null;
  /** A timetable change worth a note: 'замена: Петрова А. И.', 'урок отменён'… */
  change: string | null;
  /** The room when it differs from the timetable's, else null. */
  room: string | null;
};

export type ExtractDay = {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** The holiday's name when the day is a holiday. */
  holiday: string | null;
  lessons: ExtractLesson[];
};

export type ExtractSubject = {
  subject: string;
  /** How many marks the period has so far. */
  markCount: number;
  /** Display strings with a decimal comma, or null when there is nothing to average. */
  average: string | null;
  weightedAverage: string | null;
  /** '5', '4 или 5', or null when it cannot be computed yet. */
  forecast: string | null;
};

/** A mark or absence of an earlier week entered or changed after the family's previous digest or extract. */
export type LateEntry = {
  /** The lesson's date ('YYYY-MM-DD'); for a mark without a lesson, the day it was entered. */
  date: string;
  subject: string;
  /** A mark ('5', work type 'к/р') or an attendance code ('Н'). */
  mark: { value: string; workType: string } | null;
  attendance: string | null;
  comment: string | null;
  /** Recorded before the previous digest or extract and changed since: it says it was corrected. */
  corrected: boolean;
  /** Removed since the previous digest or extract (the mark or absence as it was). */
  deleted: boolean;
};

export type WeekExtract = {
  studentId: number;
  schoolName: string;
  pupilName: string;
  className: string;
  /** Monday and the last school day of the week, 'YYYY-MM-DD'. */
  weekStart: string;
  weekEnd: string;
  /** '2 четверть', or null in holidays between periods. */
  periodName: string | null;
  classTeacherName: string | null;
  days: ExtractDay[];
  subjects: ExtractSubject[];
  /**
   * On paper: marks and absences of earlier weeks entered after the previous printed extract
   * (lib/data/extracts/printed.ts). Empty in the e-mail digest, which has its own window.
   */
  late: LateEntry[];
  /** 'YYYY-MM-DD' in the school's timezone, printed in the footer. */
  generatedOn: string;
};
