// Teaching assignments (нагрузка): every class × subject of the curriculum becomes a course (two
// for English from grade 2, one per subgroup, with different teachers), and teachers are given
// courses by subject, the biggest bundles first to the least loaded teacher.
import { curriculumFor, isSplit, SUBJECT_BY_CODE, type SubjectCode } from './curriculum';
import type { ClassPlan, Teacher } from './people';
import type { Rng } from './rng';

export type CoursePlan = {
  key: string;
  classIdx: number;
  grade: number;
  subject: SubjectCode;
  hoursPerWeek: number;
  hoursPerYear: number;
  /** 0 for a whole-class course, 1 or 2 for an English subgroup. */
  subgroup: 0 | 1 | 2;
  teacher: Teacher | null;
  id: number;
};

export function planCourses(classes: readonly ClassPlan[]): CoursePlan[] {
  const out: CoursePlan[] = [];
  for (const c of classes) {
    for (const line of curriculumFor(c.grade)) {
      const parts: (0 | 1 | 2)[] = isSplit(line.subject, c.grade) ? [1, 2] : [0];
      for (const subgroup of parts) {
        out.push({
          key: `${c.idx}:${line.subject}:${subgroup}`,
          classIdx: c.idx,
          grade: c.grade,
          subject: line.subject,
          hoursPerWeek: line.hoursPerWeek,
          hoursPerYear: line.hoursPerYear,
          subgroup,
          teacher: null,
          id: 0,
        });
      }
    }
  }
  return out;
}

/** Subjects one teacher takes together in a class. */
const BUNDLED: Partial<Record<SubjectCode, SubjectCode>> = { lit: 'rus', geom: 'alg', soc: 'hist' };

export type DemoTeachers = { mathTeacher: Teacher; russianTeacher: Teacher };

export function assignTeachers(rng: Rng, classes: readonly ClassPlan[], courses: CoursePlan[], teachers: Teacher[]): DemoTeachers {
  const give = (t: Teacher, list: CoursePlan[]) => {
    for (const c of list) {
      c.teacher = t;
      t.load += c.hoursPerWeek;
    }
  };
  // Primary classes: the class's own teacher takes everything she is qualified for.
  const primary = teachers.filter((t) => t.kind === 'primary');
  for (const [i, c] of classes.filter((x) => x.grade <= 4).entries()) {
    const t = primary[i];
    c.classTeacher = t;
    t.classTeacherOf = c.idx;
    give(t, courses.filter((k) => k.classIdx === c.idx && t.subjects.includes(k.subject)));
  }

  // Bundles of courses for the rest.
  const bundles = new Map<string, CoursePlan[]>();
  for (const k of courses) {
    if (k.teacher) continue;
    const lead = BUNDLED[k.subject] ?? k.subject;
    const key = `${k.classIdx}:${lead}:${k.subgroup}`;
    if (!bundles.has(key)) bundles.set(key, []);
    bundles.get(key)!.push(k);
  }
  const bundleOf = (classIdx: number, lead: SubjectCode, subgroup = 0) => {
    const key = `${classIdx}:${lead}:${subgroup}`;
    const b = bundles.get(key);
    bundles.delete(key);
    if (!b) throw new Error(`no bundle ${key}`);
    return b;
  };
  const subjectTeachers = teachers.filter((t) => t.kind !== 'primary');
  const mathTeacher = subjectTeachers.find((t) => t.subjects[0] === 'math')!;
  const russianTeacher = subjectTeachers.find((t) => t.subjects[0] === 'rus')!;
  const c7a = classes.find((c) => c.grade === 7 && c.letter === 'А')!;
  const c5a = classes.find((c) => c.grade === 5 && c.letter === 'А')!;
  const c8b = classes.find((c) => c.grade === 8 && c.letter === 'Б')!;
  // The demo accounts: the math teacher has Математика and Алгебра/Геометрия in several
  // classes; the Russian teacher teaches 7А, whose class teacher she becomes.
  give(mathTeacher, [...bundleOf(c5a.idx, 'math'), ...bundleOf(c7a.idx, 'alg'), ...bundleOf(c8b.idx, 'alg')]);
  give(russianTeacher, bundleOf(c7a.idx, 'rus'));

  const hours = (b: CoursePlan[]) => b.reduce((s, k) => s + k.hoursPerWeek, 0);
  const ordered = [...bundles.values()].sort((a, b) => hours(b) - hours(a) || a[0].key.localeCompare(b[0].key));
  for (const b of ordered) {
    const subject = b[0].subject;
    const h = hours(b);
    let candidates = subjectTeachers.filter((t) => t.subjects.includes(subject));
    if (b[0].subgroup === 2) {
      const other = courses.find((k) => k.classIdx === b[0].classIdx && k.subject === subject && k.subgroup === 1)?.teacher;
      candidates = candidates.filter((t) => t !== other);
    }
    if (!candidates.length) throw new Error(`nobody teaches ${SUBJECT_BY_CODE[subject].name}`);
    const score = (t: Teacher) => (t.load + h > t.maxLoad ? 100 + t.load + h - t.maxLoad : (t.load + h) / t.maxLoad) + rng.next() * 0.01;
    const best = candidates.reduce((a, t) => (score(t) < score(a) ? t : a));
    give(best, b);
  }

  // Class teachers from grade 5: a teacher with many hours in the class, at most one class each,
  // never the demo math teacher (the demo needs a teacher who is not a class teacher).
  c7a.classTeacher = russianTeacher;
  russianTeacher.classTeacherOf = c7a.idx;
  for (const c of classes) {
    if (c.classTeacher) continue;
    const inClass = new Map<Teacher, number>();
    for (const k of courses) if (k.classIdx === c.idx && k.teacher) inClass.set(k.teacher, (inClass.get(k.teacher) ?? 0) + k.hoursPerWeek);
    const pick = [...inClass.entries()]
      .filter(([t]) => t.classTeacherOf === null && t !== mathTeacher && t.kind === 'subject')
      .sort((a, b) => b[1] - a[1] || a[0].person.lastName.localeCompare(b[0].person.lastName))[0]?.[0];
    const fallback = teachers.find((t) => t.classTeacherOf === null && t !== mathTeacher && t.kind === 'subject');
    const t = pick ?? fallback;
    if (!t) throw new Error(`no class teacher for ${c.name}`);
    c.classTeacher = t;
    t.classTeacherOf = c.idx;
  }
  return { mathTeacher, russianTeacher };
}
