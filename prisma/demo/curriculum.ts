// Subjects and the weekly hours per grade, after the federal basic curricula (ФОП НОО/ООО/СОО):
// a five-day week for grades 1–4 and a six-day week for grades 5–11, within the SanPiN limits
// (21 h in grade 1, 23 h in 2–4, 32–36 h in 5–11). Physical education gets its third hour from the
// part formed by the school, as most schools do.
import type { GradingScaleKind, LessonKind } from '../../lib/generated/prisma/enums';

export type SubjectCode =
  | 'rus' | 'litread' | 'lit' | 'eng' | 'math' | 'alg' | 'geom' | 'stat' | 'inf' | 'world' | 'orkse'
  | 'odnknr' | 'hist' | 'soc' | 'geo' | 'bio' | 'phys' | 'chem' | 'art' | 'music' | 'tech' | 'obzr'
  | 'pe' | 'project';

export type SubjectDef = {
  code: SubjectCode;
  name: string;
  shortName: string;
  scale: GradingScaleKind;
  /** Kinds of control lessons this subject uses besides the plain lesson. */
  family: 'language' | 'literature' | 'math' | 'science' | 'humanities' | 'it' | 'arts' | 'pe' | 'primary' | 'project';
};

export const SUBJECTS: readonly SubjectDef[] = [
  { code: 'rus', name: 'Русский язык', shortName: 'Рус. яз.', scale: 'FIVE_POINT', family: 'language' },
  { code: 'litread', name: 'Литературное чтение', shortName: 'Лит. чт.', scale: 'FIVE_POINT', family: 'literature' },
  { code: 'lit', name: 'Литература', shortName: 'Лит-ра', scale: 'FIVE_POINT', family: 'literature' },
  { code: 'eng', name: 'Английский язык', shortName: 'Англ. яз.', scale: 'FIVE_POINT', family: 'language' },
  { code: 'math', name: 'Математика', shortName: 'Матем.', scale: 'FIVE_POINT', family: 'math' },
  { code: 'alg', name: 'Алгебра', shortName: 'Алгебра', scale: 'FIVE_POINT', family: 'math' },
  { code: 'geom', name: 'Геометрия', shortName: 'Геом.', scale: 'FIVE_POINT', family: 'math' },
  { code: 'stat', name: 'Вероятность и статистика', shortName: 'ВиС', scale: 'FIVE_POINT', family: 'math' },
  { code: 'inf', name: 'Информатика', shortName: 'Информ.', scale: 'FIVE_POINT', family: 'it' },
  { code: 'world', name: 'Окружающий мир', shortName: 'Окр. мир', scale: 'FIVE_POINT', family: 'primary' },
  { code: 'orkse', name: 'Основы религиозных культур и светской этики', shortName: 'ОРКСЭ', scale: 'PASS_FAIL', family: 'humanities' },
  { code: 'odnknr', name: 'Основы духовно-нравственной культуры народов России', shortName: 'ОДНКНР', scale: 'PASS_FAIL', family: 'humanities' },
  { code: 'hist', name: 'История', shortName: 'История', scale: 'FIVE_POINT', family: 'humanities' },
  { code: 'soc', name: 'Обществознание', shortName: 'Общество', scale: 'FIVE_POINT', family: 'humanities' },
  { code: 'geo', name: 'География', shortName: 'Геогр.', scale: 'FIVE_POINT', family: 'science' },
  { code: 'bio', name: 'Биология', shortName: 'Биол.', scale: 'FIVE_POINT', family: 'science' },
  { code: 'phys', name: 'Физика', shortName: 'Физика', scale: 'FIVE_POINT', family: 'science' },
  { code: 'chem', name: 'Химия', shortName: 'Химия', scale: 'FIVE_POINT', family: 'science' },
  { code: 'art', name: 'Изобразительное искусство', shortName: 'ИЗО', scale: 'FIVE_POINT', family: 'arts' },
  { code: 'music', name: 'Музыка', shortName: 'Музыка', scale: 'FIVE_POINT', family: 'arts' },
  { code: 'tech', name: 'Труд (технология)', shortName: 'Труд', scale: 'FIVE_POINT', family: 'arts' },
  { code: 'obzr', name: 'Основы безопасности и защиты Родины', shortName: 'ОБЗР', scale: 'FIVE_POINT', family: 'humanities' },
  { code: 'pe', name: 'Физическая культура', shortName: 'Физ-ра', scale: 'FIVE_POINT', family: 'pe' },
  { code: 'project', name: 'Индивидуальный проект', shortName: 'Инд. проект', scale: 'PASS_FAIL', family: 'project' },
];

export const SUBJECT_BY_CODE = Object.fromEntries(SUBJECTS.map((s) => [s.code, s])) as Record<SubjectCode, SubjectDef>;

/** Weekly hours per grade level 1..11 (index 0 = grade 1). */
const HOURS: Record<SubjectCode, readonly number[]> = {
  //         1  2  3  4  5  6  7  8  9 10 11
  rus:     [5, 5, 5, 5, 5, 6, 4, 3, 3, 2, 2],
  litread: [4, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0],
  lit:     [0, 0, 0, 0, 3, 3, 2, 2, 3, 3, 3],
  eng:     [0, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3],
  math:    [4, 4, 4, 4, 5, 5, 0, 0, 0, 0, 0],
  alg:     [0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3],
  geom:    [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2],
  stat:    [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
  inf:     [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
  world:   [2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0],
  orkse:   [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
  odnknr:  [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0],
  hist:    [0, 0, 0, 0, 2, 2, 2, 2, 3, 2, 2],
  soc:     [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2],
  geo:     [0, 0, 0, 0, 1, 1, 2, 2, 2, 1, 1],
  bio:     [0, 0, 0, 0, 1, 1, 1, 2, 2, 1, 1],
  phys:    [0, 0, 0, 0, 0, 0, 2, 2, 3, 2, 2],
  chem:    [0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 1],
  art:     [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
  music:   [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0],
  tech:    [1, 1, 1, 1, 2, 2, 2, 1, 1, 0, 0],
  obzr:    [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
  pe:      [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
  project: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
};

export type CurriculumLine = { subject: SubjectCode; hoursPerWeek: number; hoursPerYear: number };

/** Study weeks: 33 in grade 1, 34 in the others (ФОП). */
export function studyWeeks(gradeLevel: number): number {
  return gradeLevel === 1 ? 33 : 34;
}

export function curriculumFor(gradeLevel: number): CurriculumLine[] {
  const lines: CurriculumLine[] = [];
  for (const s of SUBJECTS) {
    const h = HOURS[s.code][gradeLevel - 1];
    if (h > 0) lines.push({ subject: s.code, hoursPerWeek: h, hoursPerYear: h * studyWeeks(gradeLevel) });
  }
  return lines;
}

export function weeklyLoad(gradeLevel: number): number {
  return curriculumFor(gradeLevel).reduce((s, l) => s + l.hoursPerWeek, 0);
}

/** School days a week: five in primary school, six from grade 5 (School.schoolDaysPerWeek = 6). */
export function daysPerWeek(gradeLevel: number): number {
  return gradeLevel <= 4 ? 5 : 6;
}

/** English is taught in two subgroups from grade 2. */
export function isSplit(subject: SubjectCode, gradeLevel: number): boolean {
  return subject === 'eng' && gradeLevel >= 2;
}

/**
 * The kind of the n-th lesson (1-based) of a course in the KTP: roughly every 8th lesson is a test
 * in the academic subjects, with quizzes, labs, dictations and practicals where they fit.
 * First grade is unmarked, so it has no tests.
 */
export function plannedKind(subject: SubjectCode, gradeLevel: number, n: number, total: number): LessonKind {
  const family = SUBJECT_BY_CODE[subject].family;
  if (gradeLevel === 1) {
    if (subject === 'world' && n % 11 === 6) return 'EXCURSION';
    if ((subject === 'art' || subject === 'tech') && n % 4 === 2) return 'PRACTICAL';
    return 'LESSON';
  }
  if (family === 'arts' || family === 'pe') {
    if ((subject === 'art' || subject === 'tech') && n % 4 === 2) return 'PRACTICAL';
    if (subject === 'pe' && n % 9 === 5) return 'PRACTICAL';
    return 'LESSON';
  }
  if (family === 'project') return n % 5 === 0 ? 'PRACTICAL' : 'LESSON';
  if (subject === 'orkse' || subject === 'odnknr') return n % 8 === 0 ? 'QUIZ' : 'LESSON';
  if (n === total || n % 8 === 0) return 'TEST';
  if (subject === 'rus' && n % 8 === 4) return 'DICTATION';
  if (subject === 'eng' && n % 8 === 4) return 'QUIZ';
  if (family === 'math' && n % 8 === 4) return 'QUIZ';
  if ((subject === 'phys' || subject === 'chem' || subject === 'bio') && n % 6 === 3) return 'LAB';
  if (subject === 'inf' && n % 4 === 2) return 'PRACTICAL';
  if (subject === 'geo' && n % 8 === 3) return 'PRACTICAL';
  if (subject === 'world' && n % 12 === 6) return 'EXCURSION';
  if (family === 'humanities' && n % 8 === 4) return 'QUIZ';
  return 'LESSON';
}
