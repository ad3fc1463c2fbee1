// Generates one living demo school: reference data, people, classes, courses with their KTP, the
// timetable, the journal from 1 September to `today`, period results and the families' activity.
// Deterministic: the same seed, school index and `today` give the same data. Everything is written
// with chunked bulk inserts.
import type { PrismaClient } from '../../lib/prisma-client';
import { hashPassword } from '../../lib/auth/password';
import { isIsoDate } from '../../lib/domain/calendar';
import { DEMO_PASSWORD } from './accounts';
import { planCourses, assignTeachers } from './assignments';
import { assertAligned, copyRows, insertAll, insertReturning } from './bulk';
import { buildCalendar, dateValue, moscowInstant } from './calendar';
import { pupilsByClass, type SchoolContext, type WorkTypeName } from './context';
import { curriculumFor, SUBJECTS } from './curriculum';
import { consents, diaryVisits, guardianships, messages, studentNotes } from './family';
import { planChanges, planLessons } from './journal';
import { planFamilies } from './families';
import { assignLogins, staffMailDomain, type Person, type Pupil } from './people';
import { planClasses, planStaff } from './staff';
import { planRecords, planScripted } from './records';
import { planResults } from './results';
import { writeReference } from './reference';
import { Rng } from './rng';
import { buildTimetable } from './timetable';
import { buildKtp } from './topics';
import * as TABLES from './tables';

export const DEFAULT_SEED = 'dnevnik-demo';

export type RowCounts = Record<string, number>;

export type GenerateOptions = {
  /** 0-based; school 0 is «СОШ № 1» with the fixed demo accounts. */
  schoolIndex: number;
  /** 'YYYY-MM-DD': the journal runs from 1 September up to this day inclusive. */
  today: string;
  seed?: string | number;
  onProgress?: (step: string, done: number, total: number) => void;
  /**
   * Argon2id hash of the demo password. Hashing takes ~60 ms, so it is computed once and the same
   * hash string is stored for every generated account (seedDemo passes one hash to all schools).
   */
  passwordHash?: string;
  /**
   * Chunks of the big tables written at the same time (needs that many pool connections; 1 for
   * PGlite). More than 1 is faster on PostgreSQL but makes row ids interleave between runs.
   */
  parallelWrites?: number;
};

const TOWN = 'г. Краснодольск';
const STREETS = ['ул. Ленина', 'ул. Школьная', 'ул. Гагарина', 'пр. Мира', 'ул. Садовая', 'ул. Пушкина', 'ул. Молодёжная', 'ул. Советская', 'ул. Лесная', 'ул. Новая'];

export function schoolIdentity(schoolIndex: number) {
  const number = schoolIndex + 1;
  const kind = schoolIndex === 0 ? 0 : schoolIndex % 5;
  const name =
    kind === 2
      ? `МАОУ «Гимназия № ${number}»`
      : kind === 4
        ? `МАОУ «Лицей № ${number}»`
        : `МБОУ «Средняя общеобразовательная школа № ${number}»`;
  const shortName = kind === 2 ? `Гимназия № ${number}` : kind === 4 ? `Лицей № ${number}` : `СОШ № ${number}`;
  const address = `${TOWN}, ${STREETS[schoolIndex % STREETS.length]}, д. ${3 + ((schoolIndex * 7) % 40)}`;
  return { number, name, shortName, address };
}

export async function generateSchool(prisma: PrismaClient, options: GenerateOptions): Promise<RowCounts> {
  const { schoolIndex, today } = options;
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = new Rng(`${seed}:${schoolIndex}`);
  const cal = buildCalendar(today);
  const counts: RowCounts = {};
  const count = (table: string, n: number) => (counts[table] = (counts[table] ?? 0) + n);
  const step = (name: string) => (done: number, total: number) => options.onProgress?.(name, done, total);
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  const identity = schoolIdentity(schoolIndex);
  const parallel = options.parallelWrites ?? 1;

  // ── School and reference data ──
  const ref = step('Школа и справочники');
  ref(0, 1);
  const { schoolId, academicYearId, quartersScheme, halvesScheme, periodIds, scaleId, workTypes, subjectIds } = await writeReference(prisma, identity, cal, count);
  ref(1, 1);

  // ── People ──
  const classes = planClasses(rng.fork('classes'));
  const { teachers, staff } = planStaff(rng.fork('staff'), classes);
  const courses = planCourses(classes);
  const demo = assignTeachers(rng.fork('assign'), classes, courses, teachers);
  const { families, pupils } = planFamilies(rng.fork('families'), classes, cal, { demoFamily: true });
  staff.admin.fixedLogin = 'admin';
  staff.director.fixedLogin = 'director';
  demo.mathTeacher.person.fixedLogin = 'teacher';
  demo.russianTeacher.person.fixedLogin = 'classteacher';
  families[0].guardians[0].person.fixedLogin = 'parent';
  families[0].children[0].person.fixedLogin = 'pupil';
  const people: Person[] = [
    ...Object.values(staff),
    ...teachers.map((t) => t.person),
    ...families.flatMap((f) => [...f.guardians.map((g) => g.person), ...f.children.map((c) => c.person)]),
  ];
  assignLogins(people, schoolIndex, staffMailDomain(identity.number));
  const createdAt = moscowInstant(`${cal.startYear}-08-25`, 10 * 60);
  const userRows = people.map((p) => ({
    schoolId,
    login: p.login,
    passwordHash,
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName,
    birthDate: dateValue(p.birthDate),
    email: p.email,
    phone: p.phone,
    active: p.active,
    createdAt,
    updatedAt: createdAt,
  }));
  const users = await copyRows<{ id: number; login: string }>(prisma, 'users', TABLES.USERS, userRows, { progress: step('Пользователи'), returning: 'id, login' });
  assertAligned(userRows, users, (a, b) => a.login === b.login, 'users');
  users.forEach((u, i) => (people[i].id = u.id));
  count('users', users.length);
  const roleRows = people.flatMap((p) => p.roles.map((role) => ({ schoolId, userId: p.id, role })));
  await copyRows(prisma, 'user_roles', TABLES.USER_ROLES, roleRows);
  count('userRoles', roleRows.length);

  // ── Classes, subgroups, enrollments ──
  const classStep = step('Классы, группы, зачисления');
  const classRows = classes.map((c) => ({
    schoolId,
    academicYearId,
    gradeLevel: c.grade,
    letter: c.letter,
    classTeacherId: c.classTeacher!.person.id,
    periodSchemeId: c.grade >= 10 ? halvesScheme.id : quartersScheme.id,
  }));
  const classRowsBack = await prisma.schoolClass.createManyAndReturn({ data: classRows, select: { id: true, gradeLevel: true, letter: true } });
  assertAligned(classRows, classRowsBack, (a, b) => a.gradeLevel === b.gradeLevel && a.letter === b.letter, 'classes');
  classRowsBack.forEach((r, i) => (classes[i].id = r.id));
  count('classes', classes.length);
  const byClass = pupilsByClass(pupils);
  const groupMembers = new Map<string, Pupil[]>();
  const split = courses.filter((k) => k.subgroup > 0);
  for (const c of classes) {
    const all = byClass.get(c.idx) ?? [];
    const original = all.filter((p) => p.enrollments.some((e) => e.classIdx === c.idx && e.start === cal.yearStart));
    original.sort((a, b) => `${a.person.lastName} ${a.person.firstName}`.localeCompare(`${b.person.lastName} ${b.person.firstName}`, 'ru'));
    const half = Math.ceil(original.length / 2);
    const g1 = original.slice(0, half);
    const g2 = original.slice(half);
    for (const late of all.filter((p) => !original.includes(p))) (g1.length <= g2.length ? g1 : g2).push(late);
    for (const k of split.filter((x) => x.classIdx === c.idx)) groupMembers.set(k.key, k.subgroup === 1 ? g1 : g2);
  }
  const groupRows = split.map((k) => ({ schoolId, academicYearId, classId: classes[k.classIdx].id, kind: 'SUBGROUP' as const, name: `Английский язык, ${k.subgroup} группа` }));
  const groups = await prisma.studyGroup.createManyAndReturn({ data: groupRows, select: { id: true, classId: true, name: true } });
  assertAligned(groupRows, groups, (a, b) => a.classId === b.classId && a.name === b.name, 'groups');
  count('studyGroups', groups.length);
  const groupIdOf = new Map(split.map((k, i) => [k.key, groups[i].id]));
  count(
    'studyGroupMembers',
    await insertAll(
      split.flatMap((k) => (groupMembers.get(k.key) ?? []).map((p) => ({ schoolId, groupId: groupIdOf.get(k.key)!, studentId: p.person.id }))),
      (data) => prisma.studyGroupMember.createMany({ data }),
    ),
  );
  count(
    'enrollments',
    await insertAll(
      pupils.flatMap((p) => p.enrollments.map((e) => ({ schoolId, studentId: p.person.id, classId: classes[e.classIdx].id, startDate: dateValue(e.start), endDate: e.end ? dateValue(e.end) : null }))),
      (data) => prisma.enrollment.createMany({ data }),
      classStep,
    ),
  );

  // ── Courses, curriculum, KTP ──
  const courseRows = courses.map((k) => ({
    schoolId,
    academicYearId,
    subjectId: subjectIds[k.subject],
    classId: k.subgroup ? null : classes[k.classIdx].id,
    groupId: k.subgroup ? groupIdOf.get(k.key)! : null,
    gradingScaleId: scaleId[SUBJECTS.find((s) => s.code === k.subject)!.scale],
  }));
  const courseBack = await insertReturning(courseRows, (data) => prisma.course.createManyAndReturn({ data, select: { id: true, subjectId: true, classId: true, groupId: true } }));
  assertAligned(courseRows, courseBack, (a, b) => a.subjectId === b.subjectId && a.classId === b.classId && a.groupId === b.groupId, 'courses');
  courseBack.forEach((r, i) => (courses[i].id = r.id));
  count('courses', courses.length);
  count('courseTeachers', await insertAll(courses.map((k) => ({ schoolId, courseId: k.id, teacherId: k.teacher!.person.id, isPrimary: true })), (data) => prisma.courseTeacher.createMany({ data })));
  count(
    'curriculumPlans',
    await insertAll(
      [...new Set(classes.map((c) => c.grade))].flatMap((grade) =>
        curriculumFor(grade).map((l) => ({ schoolId, academicYearId, gradeLevel: grade, subjectId: subjectIds[l.subject], hoursPerWeek: l.hoursPerWeek, hoursPerYear: l.hoursPerYear })),
      ),
      (data) => prisma.curriculumPlan.createMany({ data }),
    ),
  );
  const ktpPlans = courses.map((k) => buildKtp(k.subject, k.grade, k.hoursPerYear));
  const topicRows = courses.flatMap((k, i) => ktpPlans[i].map((t) => ({ schoolId, courseId: k.id, ordinal: t.ordinal, title: t.title, hours: 1, lessonKind: t.lessonKind })));
  const topics = await copyRows<{ id: number; courseId: number; ordinal: number }>(prisma, 'planned_topics', TABLES.PLANNED_TOPICS, topicRows, {
    progress: step('КТП (тематическое планирование)'),
    returning: 'id, course_id AS "courseId", ordinal',
  });
  assertAligned(topicRows, topics, (a, b) => a.courseId === b.courseId && a.ordinal === b.ordinal, 'planned topics');
  count('plannedTopics', topics.length);
  const ktp = new Map<string, { id: number; title: string; kind: (typeof topicRows)[number]['lessonKind'] }[]>();
  let t = 0;
  courses.forEach((k, i) => {
    ktp.set(
      k.key,
      ktpPlans[i].map((p) => ({ id: topics[t++].id, title: p.title, kind: p.lessonKind })),
    );
  });

  // ── Timetable ──
  const timetable = buildTimetable(rng.fork('timetable'), classes, courses);
  const entries = timetable.grid.flatMap((days, classIdx) =>
    days.flatMap((slots, d) =>
      slots.flatMap((u, s) =>
        timetable.units[u].courses.map((k) => ({
          schoolId,
          academicYearId,
          courseId: k.id,
          weekday: d + 1,
          slot: s + 1,
          room: k.teacher!.kind === 'primary' ? classes[classIdx].homeRoom : k.teacher!.room,
          validFrom: dateValue(cal.yearStart),
          validTo: null,
        })),
      ),
    ),
  );
  count('timetableEntries', await insertAll(entries, (data) => prisma.timetableEntry.createMany({ data }), step('Расписание')));

  const ctx: SchoolContext = {
    rng,
    cal,
    schoolIndex,
    schoolId,
    academicYearId,
    classes,
    teachers,
    staff,
    demo,
    courses,
    families,
    pupils,
    timetable,
    subjectIds,
    workTypes: Object.fromEntries(workTypes.map((w) => [w.name, { id: w.id, weight: w.weight }])) as Record<WorkTypeName, { id: number; weight: number }>,
    periodIds,
    ktp,
    groupMembers,
  };
  const deputyId = teachers.find((x) => x.kind === 'deputy')!.person.id;

  const changes = planChanges(ctx);
  count(
    'timetableChanges',
    await insertAll(
      changes.map((c) => ({
        schoolId,
        courseId: c.course.id,
        date: dateValue(c.date),
        slot: c.slot,
        kind: c.kind,
        substituteTeacherId: c.substitute?.person.id ?? null,
        newDate: c.newDate ? dateValue(c.newDate) : null,
        newSlot: c.newSlot ?? null,
        room: c.room ?? null,
        reason: c.reason,
        createdById: deputyId,
        createdAt: c.createdAt,
      })),
      (data) => prisma.timetableChange.createMany({ data }),
    ),
  );

  // ── The journal ──
  const lessons = planLessons(ctx, changes);
  const lessonRows = lessons.map((l) => ({
    schoolId,
    courseId: l.course.id,
    date: dateValue(l.date),
    slot: l.slot,
    topic: l.topic,
    lessonKind: l.kind,
    plannedTest: l.kind === 'TEST',
    plannedTopicId: l.plannedTopicId,
    teacherId: l.teacher.person.id,
    isSubstitution: l.isSubstitution,
    topicEnteredAt: l.topicEnteredAt,
    attendanceEnteredAt: l.attendanceEnteredAt,
    createdAt: l.topicEnteredAt,
    updatedAt: l.topicEnteredAt,
  }));
  const lessonBack = await copyRows<{ id: number; courseId: number; date: Date; slot: number }>(prisma, 'lessons', TABLES.LESSONS, lessonRows, {
    progress: step('Уроки'),
    returning: 'id, course_id AS "courseId", date, slot',
  });
  assertAligned(lessonRows, lessonBack, (a, b) => a.courseId === b.courseId && a.slot === b.slot && a.date.getTime() === new Date(b.date).getTime(), 'lessons');
  lessonBack.forEach((r, i) => (lessons[i].id = r.id));
  count('lessons', lessons.length);

  const scripted = planScripted(ctx, byClass);
  const records = planRecords(ctx, lessons, byClass, scripted);
  await copyRows(prisma, 'attendance', TABLES.ATTENDANCE, records.attendance, { progress: step('Посещаемость'), parallel });
  count('attendance', records.attendance.length);
  await copyRows(prisma, 'marks', TABLES.MARKS, records.marks, { progress: step('Отметки'), parallel });
  count('marks', records.marks.length);
  await copyRows(prisma, 'homework', TABLES.HOMEWORK, records.homework, { progress: step('Домашние задания'), parallel });
  count('homework', records.homework.length);
  await recordNoHomework(prisma, records.noHomework);

  // ── Period results ──
  const results = planResults(ctx, records.log, byClass, scripted);
  await copyRows(prisma, 'final_marks', TABLES.FINAL_MARKS, results.finals, { progress: step('Итоговые отметки'), parallel });
  count('finalMarks', results.finals.length);
  for (const c of results.closed) {
    await prisma.studyPeriod.update({ where: { id: c.periodId }, data: { status: 'CLOSED', closedAt: c.closedAt, closedById: deputyId } });
  }

  // ── Families ──
  const fam = step('Семьи: согласия, дневник, сообщения');
  count('guardianships', await insertAll(guardianships(ctx), (data) => prisma.guardianship.createMany({ data })));
  count('consents', await insertAll(consents(ctx), (data) => prisma.consent.createMany({ data })));
  const visits = diaryVisits(ctx);
  await copyRows(prisma, 'diary_visits', TABLES.DIARY_VISITS, visits, { progress: fam, parallel });
  count('diaryVisits', visits.length);
  const messagePlans = messages(ctx, results);
  const messageRows = messagePlans.map(({ ack, replyTo, ...m }) => (void ack, void replyTo, m));
  const sent = await insertReturning(messageRows, (data) => prisma.message.createManyAndReturn({ data, select: { id: true, senderId: true } }));
  assertAligned(messageRows, sent, (a, b) => a.senderId === b.senderId, 'messages');
  count('messages', sent.length);
  await linkReplies(prisma, messagePlans.flatMap((m, i) => (m.replyTo === undefined ? [] : [{ id: sent[i].id, replyToId: sent[m.replyTo].id }])));
  count(
    'finalMarkAcks',
    await insertAll(
      messagePlans.flatMap((m, i) => (m.ack ? [{ schoolId, ...m.ack, messageId: sent[i].id, acknowledgedAt: m.createdAt! }] : [])),
      (data) => prisma.finalMarkAck.createMany({ data }),
    ),
  );
  count('studentNotes', await insertAll(studentNotes(ctx), (data) => prisma.studentNote.createMany({ data })));
  return counts;
}

/** Points each class teacher's reply at the question it answers, once both rows have ids. */
async function linkReplies(prisma: PrismaClient, rows: readonly { id: number; replyToId: number }[]): Promise<void> {
  if (!rows.length) return;
  const ids = rows.map((r) => r.id);
  const to = rows.map((r) => r.replyToId);
  await prisma.$executeRaw`UPDATE messages m SET reply_to_id = v.to_id FROM unnest(${ids}::int[], ${to}::int[]) AS v(id, to_id) WHERE m.id = v.id`;
}

/** Stamps «не задано» on the lessons that got no class homework, in chunks of one statement each. */
async function recordNoHomework(prisma: PrismaClient, rows: readonly { lessonId: number; at: Date }[]): Promise<void> {
  const CHUNK = 5_000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const ids = chunk.map((r) => r.lessonId);
    // Timestamps are stored as UTC wall time (timestamp without time zone), as Prisma writes them.
    const ats = chunk.map((r) => r.at.toISOString().replace('T', ' ').replace('Z', ''));
    await prisma.$executeRaw`UPDATE lessons l SET no_homework_at = v.at FROM unnest(${ids}::int[], ${ats}::timestamp[]) AS v(id, at) WHERE l.id = v.id`;
  }
}
