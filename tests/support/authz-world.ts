// The world of the authorization matrix (tests/integration/authz-*.test.ts): two schools, and in
// school A one person of every role plus the records they own, someone else's records in the same
// school, and school B's records, which no one in school A may ever see.
//
//   school A ─ K1 «5А» (class teacher CT): S1 (a STUDENT account, child of P1), S1b
//            │   C1 mathematics, taught by T1: lesson L1 (marks, attendance, homework + file)
//            ├ K2 «5Б»: S2 (child of P2)
//            │   C2 mathematics, taught by T2: lesson L2;  C3 physics, taught by T2:
//            │   lesson L3, which T1 substitutes
//            ├ K3 «5В»: S3 (no account; credentials, guardian links)
//            ├ K9 «9А»: S9 (no account; ГИА results)
//            └ users V (a teacher) and VP (a parent) whom the administrator's commands act on
//   school B ─ KB «9Б» (class teacher TB): SB (child of PB); CB taught by TB: lesson LB; …
//
// Dates follow the real clock (pages read "today"): the first quarter is over (its final marks are
// published), the second is under way (lessons two days ago, draft final marks), the third is ahead.
// Every text of school B contains OTHER_SCHOOL_MARKER, so a page that renders it has leaked.
import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import type { PrismaClient } from '../../lib/prisma-client';
import type { Role } from '../../lib/generated/prisma/enums';
import { authSecret } from '../../lib/env';
import { hashPassword } from '../../lib/auth/password';
import { defaultRolePermissionRows } from '../../lib/auth/permissions';
import { GRADING_SCALES } from '../../lib/domain/grading';
import { ROUNDING_PRESETS } from '../../lib/domain/rounding';
import { addDays } from '../../lib/domain/calendar';
import { toSchoolDate } from '../../lib/domain/timezone';

export const IDENTITIES = [
  'anonymous', 'admin', 'management', 'teacher', 'classTeacher', 'student', 'parent', 'secretary', 'medical', 'psychologist', 'hr',
  'temporaryPassword',
] as const;
/**
 * Who calls: nobody signed in, or one person of each role of school A (classTeacher: a TEACHER
 * leading K1), and temporaryPassword: a second teacher of C1 still signed in with the one-time
 * password an administrator issued, who must change it before anything else.
 */
export type Who = (typeof IDENTITIES)[number];
export type SignedIn = Exclude<Who, 'anonymous'>;
export const SIGNED_IN = IDENTITIES.filter((w): w is SignedIn => w !== 'anonymous');
/** Signed in with a password of their own: everyone but anonymous and temporaryPassword. */
export const USABLE_ACCOUNTS = SIGNED_IN.filter((w) => w !== 'temporaryPassword');

/** In every name and text of school B: a page showing it to someone of school A has leaked. */
export const OTHER_SCHOOL_MARKER = 'Зазеркал';
/** In the medical note: only MEDICAL may ever see it. */
export const MEDICAL_MARKER = 'Медтайна';
/** In the psychologist's note: only PSYCHOLOGIST may ever see it. */
export const PSYCHOLOGY_MARKER = 'Психтайна';
/** In classmate S1b's individual homework (lesson L1): K1's staff may see it, S1's family never. */
export const CLASSMATE_MARKER = 'Соседово-личное';
/** In the comment on S2's mark in lesson L2 (class K2): only management among the identities. */
export const OTHER_CLASS_MARKER = 'Вторушинский-комментарий';

/** Texts of the world and who may see them; any page, route or action answer is searched for each. */
export const SECRETS: readonly { marker: string; visibleTo: readonly Who[]; what: string }[] = [
  { marker: OTHER_SCHOOL_MARKER, visibleTo: [], what: "another school's data" },
  { marker: MEDICAL_MARKER, visibleTo: ['medical'], what: 'a medical note' },
  { marker: PSYCHOLOGY_MARKER, visibleTo: ['psychologist'], what: "a psychologist's note" },
  { marker: CLASSMATE_MARKER, visibleTo: ['teacher', 'classTeacher', 'management', 'temporaryPassword'], what: "a classmate's individual homework" },
  { marker: OTHER_CLASS_MARKER, visibleTo: ['management'], what: "another class's mark comment" },
];

/** The identities' password (changePasswordAction needs the current one). */
export const KNOWN_PASSWORD = 'Матрица-доступа-2026';

export type World = {
  today: string;
  schoolA: number;
  schoolB: number;
  /** The user id of each identity. */
  id: Record<SignedIn, number>;
  // school A
  T2: number; P2: number; S1b: number; S2: number; S3: number; V: number; VP: number;
  K1: number; K2: number; K3: number;
  /** «9А», a class that sits ОГЭ, with pupil S9. */
  K9: number; S9: number;
  /** The subjects of C1 (school A) and CB (school B). */
  subjectA: number; subjectB: number;
  C1: number; C2: number; C3: number;
  L1: number; L2: number; L3: number;
  /** Quarters of school A: the past one (published finals), the current one (drafts), a future one (closed and reopened by the matrix). */
  pastA: number; currentA: number; futureA: number;
  /** School A's academic year (and school B's below). */
  yearA: number;
  NA: number;
  // school B
  adminB: number; TB: number; SB: number; PB: number; VB: number; VPB: number;
  KB: number; CB: number; LB: number;
  pastB: number; currentB: number; futureB: number;
  yearB: number;
  NB: number;
  /** Free slots where a lesson may be opened (no lesson there yet). */
  openSlot: { C1: Slot; C2: Slot; C3: Slot; CB: Slot };
  workTypeA: number;
  workTypeB: number;
  knownPasswordHash: string;
};
export type Slot = { courseId: number; date: string; slot: number };

const SCHOOL_TZ = 'Europe/Moscow';
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

type Db = PrismaClient;

async function person(db: Db, schoolId: number, roles: Role[], lastName: string, firstName: string, login: string | null = null): Promise<number> {
  const u = await db.user.create({
    data: { schoolId, login, lastName, firstName, roles: { create: roles.map((role) => ({ schoolId, role })) } },
    select: { id: true },
  });
  return u.id;
}

type SchoolCore = {
  schoolId: number; yearId: number; schemeId: number; scaleId: number; workTypeId: number;
  past: number; current: number; future: number;
};

async function school(db: Db, name: string, today: string, yearOffset: number, marker = ''): Promise<SchoolCore> {
  const { id: schoolId } = await db.school.create({ data: { name: `МБОУ «${name}»`, shortName: name, roundingPolicy: ROUNDING_PRESETS.standard } });
  await db.rolePermission.createMany({ data: defaultRolePermissionRows(schoolId) });
  const start = addDays(today, -84);
  // A year ends by 31 August (yearDatesProblem): from February on, 200 days ahead would pass it.
  // A day short of it, so the matrix's row lengthening the year by a day is still a valid change.
  const lastEnd = addDays(`${Number(start.slice(0, 4)) + 1}-08-31`, -1);
  const end = addDays(today, 200) < lastEnd ? addDays(today, 200) : lastEnd;
  const startYear = Number(start.slice(0, 4)) + yearOffset;
  const year = await db.academicYear.create({ data: { schoolId, startYear, label: `${startYear}/${startYear + 1}`, startDate: d(start), endDate: d(end) } });
  const scheme = await db.periodScheme.create({ data: { schoolId, name: 'Четверти', kind: 'QUARTERS' } });
  const period = (ordinal: number, from: string, to: string) =>
    db.studyPeriod.create({ data: { schoolId, academicYearId: year.id, schemeId: scheme.id, name: `${ordinal} четверть${marker}`, ordinal, startDate: d(from), endDate: d(to) } });
  const past = await period(1, start, addDays(today, -15));
  const current = await period(2, addDays(today, -14), addDays(today, 30));
  const future = await period(3, addDays(today, 31), end);
  await db.studyPeriod.create({ data: { schoolId, academicYearId: year.id, kind: 'YEAR', name: `Год${marker}`, ordinal: 1, startDate: d(start), endDate: d(end) } });
  const scale = GRADING_SCALES.FIVE_POINT;
  const { id: scaleId } = await db.gradingScale.create({ data: { schoolId, kind: 'FIVE_POINT', name: scale.label, values: [...scale.values] } });
  const { id: workTypeId } = await db.workType.create({ data: { schoolId, name: 'Работа на уроке', shortName: 'Урок', weight: 1 } });
  const bells = await db.bellSchedule.create({ data: { schoolId, name: 'Основное', isDefault: true } });
  await db.bellSlot.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((slot) => ({ schoolId, bellScheduleId: bells.id, slot, startMinute: 480 + (slot - 1) * 55, endMinute: 525 + (slot - 1) * 55 })),
  });
  return { schoolId, yearId: year.id, schemeId: scheme.id, scaleId, workTypeId, past: past.id, current: current.id, future: future.id };
}

async function schoolClass(db: Db, s: SchoolCore, gradeLevel: number, letter: string, classTeacherId: number | null, pupils: number[], from: string) {
  const c = await db.schoolClass.create({ data: { schoolId: s.schoolId, academicYearId: s.yearId, gradeLevel, letter, classTeacherId, periodSchemeId: s.schemeId } });
  await db.enrollment.createMany({ data: pupils.map((studentId) => ({ schoolId: s.schoolId, studentId, classId: c.id, startDate: d(from) })) });
  return c.id;
}

async function course(db: Db, s: SchoolCore, classId: number, subject: string, teacherId: number, weekday: number, slot: number, from: string) {
  const { id: subjectId } = await db.subject.create({ data: { schoolId: s.schoolId, name: subject, shortName: subject.slice(0, 4) } });
  const c = await db.course.create({
    data: {
      schoolId: s.schoolId, academicYearId: s.yearId, subjectId, classId, gradingScaleId: s.scaleId,
      teachers: { create: { schoolId: s.schoolId, teacherId, isPrimary: true } },
    },
  });
  await db.timetableEntry.create({ data: { schoolId: s.schoolId, academicYearId: s.yearId, courseId: c.id, weekday, slot, room: '10', validFrom: d(from) } });
  return c.id;
}

async function lesson(db: Db, s: SchoolCore, courseId: number, date: string, slot: number, teacherId: number, topic: string, isSubstitution = false) {
  const l = await db.lesson.create({ data: { schoolId: s.schoolId, courseId, date: d(date), slot, teacherId, topic, isSubstitution } });
  return l.id;
}

/** A mark, an attendance record (for `absent`), class homework with a file: what a lesson of the world holds. */
async function lessonRecords(db: Db, s: SchoolCore, lessonId: number, courseId: number, studentId: number, teacherId: number, value: string, homework: string) {
  const who = { createdById: teacherId, updatedById: teacherId };
  await db.mark.create({ data: { schoolId: s.schoolId, studentId, courseId, lessonId, workTypeId: s.workTypeId, value, numericValue: Number(value), ...who } });
  await db.attendance.create({ data: { schoolId: s.schoolId, studentId, lessonId, code: 'LATE', ...who } });
  const hw = await db.homework.create({ data: { schoolId: s.schoolId, lessonId, text: homework, createdById: teacherId } });
  await db.homeworkAttachment.create({ data: attachmentData(s.schoolId, hw.id, homework) });
}

export function attachmentData(schoolId: number, homeworkId: number, text: string) {
  const data = Buffer.from(`${text}\n`, 'utf8');
  return { schoolId, homeworkId, fileName: 'задание.txt', mimeType: 'text/plain', size: data.length, data };
}

async function finalMarks(db: Db, s: SchoolCore, courseId: number, studentId: number, teacherId: number, now: Date) {
  const who = { createdById: teacherId, updatedById: teacherId };
  const published = new Date(now.getTime() - 3 * 86_400_000);
  await db.finalMark.create({
    data: { schoolId: s.schoolId, studentId, courseId, periodId: s.past, value: '5', status: 'PUBLISHED', publishedAt: published, visibleFrom: published, ...who },
  });
  await db.finalMark.create({ data: { schoolId: s.schoolId, studentId, courseId, periodId: s.current, value: '4', status: 'DRAFT', ...who } });
}

export async function buildWorld(db: Db, now = new Date()): Promise<World> {
  const today = toSchoolDate(now, SCHOOL_TZ);
  const from = addDays(today, -84);
  const lessonDay = addDays(today, -2);
  const knownPasswordHash = await hashPassword(KNOWN_PASSWORD);

  // ── school A ──
  const a = await school(db, 'Школа № 1', today, 0);
  const A = a.schoolId;
  const id: Record<SignedIn, number> = {
    admin: await person(db, A, ['ADMIN'], 'Админова', 'Анна', 'authz.admin'),
    management: await person(db, A, ['MANAGEMENT'], 'Директорова', 'Дарья', 'authz.director'),
    teacher: await person(db, A, ['TEACHER'], 'Учителев', 'Тимофей', 'authz.teacher'),
    classTeacher: await person(db, A, ['TEACHER'], 'Классова', 'Клавдия', 'authz.classteacher'),
    student: await person(db, A, ['STUDENT'], 'Первушин', 'Пётр', 'authz.pupil'),
    parent: await person(db, A, ['PARENT'], 'Первушина', 'Полина', 'authz.parent'),
    secretary: await person(db, A, ['SECRETARY'], 'Секретарёва', 'Светлана', 'authz.secretary'),
    medical: await person(db, A, ['MEDICAL'], 'Медикова', 'Мария', 'authz.nurse'),
    psychologist: await person(db, A, ['PSYCHOLOGIST'], 'Психеева', 'Павла', 'authz.psychologist'),
    hr: await person(db, A, ['HR'], 'Кадрова', 'Кира', 'authz.hr'),
    temporaryPassword: await person(db, A, ['TEACHER'], 'Новенькая', 'Надежда', 'authz.newteacher'),
  };
  await db.user.updateMany({ where: { id: { in: Object.values(id) } }, data: { passwordHash: knownPasswordHash } });
  await db.user.update({ where: { id: id.temporaryPassword }, data: { mustChangePassword: true } });
  const T2 = await person(db, A, ['TEACHER'], 'Вторая', 'Валентина');
  const S1 = id.student;
  const S1b = await person(db, A, ['STUDENT'], 'Соседов', 'Семён');
  const S2 = await person(db, A, ['STUDENT'], 'Вторушин', 'Виктор');
  const S3 = await person(db, A, ['STUDENT'], 'Третьяков', 'Тихон');
  const P2 = await person(db, A, ['PARENT'], 'Вторушина', 'Вера');
  const V = await person(db, A, ['TEACHER'], 'Подопытный', 'Павел', 'authz.victim');
  const VP = await person(db, A, ['PARENT'], 'Подопытная', 'Прасковья');
  await db.guardianship.createMany({
    data: [
      { schoolId: A, parentId: id.parent, studentId: S1, relation: 'мать' },
      { schoolId: A, parentId: P2, studentId: S2, relation: 'мать' },
    ],
  });
  const K1 = await schoolClass(db, a, 5, 'А', id.classTeacher, [S1, S1b], from);
  const K2 = await schoolClass(db, a, 5, 'Б', null, [S2], from);
  const K3 = await schoolClass(db, a, 5, 'В', null, [S3], from);
  const S9 = await person(db, A, ['STUDENT'], 'Девятов', 'Дмитрий');
  const K9 = await schoolClass(db, a, 9, 'А', null, [S9], from);
  const C1 = await course(db, a, K1, 'Математика 5А', id.teacher, 1, 1, from);
  await db.courseTeacher.create({ data: { schoolId: A, courseId: C1, teacherId: id.temporaryPassword, isPrimary: false } });
  const C2 = await course(db, a, K2, 'Математика 5Б', T2, 1, 1, from);
  const C3 = await course(db, a, K2, 'Физика 5Б', T2, 1, 2, from);
  const L1 = await lesson(db, a, C1, lessonDay, 1, id.teacher, 'Дроби');
  const L2 = await lesson(db, a, C2, lessonDay, 1, T2, 'Проценты');
  const L3 = await lesson(db, a, C3, lessonDay, 2, id.teacher, 'Рычаги', true);
  await db.timetableChange.createMany({
    data: [
      { schoolId: A, courseId: C3, date: d(lessonDay), slot: 2, kind: 'SUBSTITUTION', substituteTeacherId: id.teacher, createdById: id.management },
      { schoolId: A, courseId: C3, date: d(today), slot: 7, kind: 'SUBSTITUTION', substituteTeacherId: id.teacher, createdById: id.management },
    ],
  });
  await lessonRecords(db, a, L1, C1, S1, id.teacher, '5', 'Задачи 1–5');
  await lessonRecords(db, a, L2, C2, S2, T2, '4', 'Задачи 6–9');
  await db.mark.updateMany({ where: { lessonId: L2, studentId: S2 }, data: { comment: `${OTHER_CLASS_MARKER}: не решена задача 7` } });
  const individual = await db.homework.create({ data: { schoolId: A, lessonId: L1, studentId: S1b, text: `${CLASSMATE_MARKER}: догнать тему`, createdById: id.teacher } });
  await db.homeworkAttachment.create({ data: attachmentData(A, individual.id, `${CLASSMATE_MARKER}: файл`) });
  await lessonRecords(db, a, L3, C3, S2, id.teacher, '3', 'Параграф 4');
  await finalMarks(db, a, C1, S1, id.teacher, now);
  await finalMarks(db, a, C1, S1b, id.teacher, now);
  await finalMarks(db, a, C2, S2, T2, now);
  await finalMarks(db, a, C3, S2, T2, now);
  await db.consent.create({
    data: { schoolId: A, studentId: S1, guardianId: id.parent, decision: 'GRANTED', documentVersion: '2026-1', deliveryPreference: 'ONLINE', recordedById: id.secretary },
  });
  await db.studentNote.createMany({
    data: [
      { schoolId: A, studentId: S1, authorId: id.medical, kind: 'MEDICAL', text: `${MEDICAL_MARKER}: аллергия на пыльцу` },
      { schoolId: A, studentId: S1, authorId: id.psychologist, kind: 'PSYCHOLOGICAL', text: `${PSYCHOLOGY_MARKER}: тревожность перед контрольными` },
    ],
  });
  const NA = await db.notification.create({
    data: { schoolId: A, kind: 'digest', toAddress: 'polina@example.ru', subject: 'Дневник за неделю', text: 'Отметки за неделю', dedupeKey: `authz-a-${randomUUID()}` },
  });

  // ── school B ── (every text carries the marker)
  const b = await school(db, `Школа ${OTHER_SCHOOL_MARKER}ья`, today, 1, ` ${OTHER_SCHOOL_MARKER}ья`);
  const B = b.schoolId;
  const m = OTHER_SCHOOL_MARKER;
  const adminB = await person(db, B, ['ADMIN'], `${m}ова`, 'Алла', 'authz.b.admin');
  const TB = await person(db, B, ['TEACHER'], `${m}ов`, 'Борис', 'authz.b.teacher');
  const MB = await person(db, B, ['MEDICAL'], `${m}ина`, 'Мила');
  const SB = await person(db, B, ['STUDENT'], `${m}ёнок`, 'Богдан');
  const PB = await person(db, B, ['PARENT'], `${m}ьева`, 'Берта');
  const VB = await person(db, B, ['TEACHER'], `${m}ский`, 'Виталий');
  const VPB = await person(db, B, ['PARENT'], `${m}ская`, 'Варвара');
  await db.guardianship.create({ data: { schoolId: B, parentId: PB, studentId: SB } });
  const KB = await schoolClass(db, b, 9, 'Б', TB, [SB], from);
  const CB = await course(db, b, KB, `${m}ная алгебра`, TB, 1, 1, from);
  const LB = await lesson(db, b, CB, lessonDay, 1, TB, `${m}ная тема`);
  await lessonRecords(db, b, LB, CB, SB, TB, '4', `${m}ное задание`);
  await finalMarks(db, b, CB, SB, TB, now);
  await db.consent.create({
    data: { schoolId: B, studentId: SB, guardianId: PB, decision: 'REFUSED', documentVersion: `${m}-1`, deliveryPreference: 'PAPER', recordedById: adminB },
  });
  await db.studentNote.create({ data: { schoolId: B, studentId: SB, authorId: MB, kind: 'MEDICAL', text: `${m}ная медицинская запись` } });
  const NB = await db.notification.create({
    data: { schoolId: B, kind: 'digest', toAddress: 'berta@example.ru', subject: `${m}ное письмо`, text: `${m}ный текст`, dedupeKey: `authz-b-${randomUUID()}` },
  });

  return {
    today, schoolA: A, schoolB: B, id,
    T2, P2, S1b, S2, S3, S9, V, VP, K1, K2, K3, K9, C1, C2, C3, L1, L2, L3,
    pastA: a.past, currentA: a.current, futureA: a.future, yearA: a.yearId, NA: NA.id,
    adminB, TB, SB, PB, VB, VPB, KB, CB, LB, pastB: b.past, currentB: b.current, futureB: b.future, yearB: b.yearId, NB: NB.id,
    subjectA: (await db.course.findUniqueOrThrow({ where: { id: C1 }, select: { subjectId: true } })).subjectId,
    subjectB: (await db.course.findUniqueOrThrow({ where: { id: CB }, select: { subjectId: true } })).subjectId,
    openSlot: {
      C1: { courseId: C1, date: today, slot: 6 },
      C2: { courseId: C2, date: today, slot: 6 },
      C3: { courseId: C3, date: today, slot: 7 },
      CB: { courseId: CB, date: today, slot: 6 },
    },
    workTypeA: a.workTypeId,
    workTypeB: b.workTypeId,
    knownPasswordHash,
  };
}

// ───────────────────────────── sessions ─────────────────────────────

/** The session cookie next-auth would set after a sign-in, for each identity. */
export class Sessions {
  private readonly current = new Map<SignedIn, { sid: string; sv: number; jwt: string }>();

  constructor(private readonly db: Db, private readonly world: World) {}

  /** Cookies of the request as `who` (none for anonymous). */
  cookies(who: Who): Record<string, string> {
    if (who === 'anonymous') return {};
    const s = this.current.get(who);
    if (!s) throw new Error(`no session for ${who}: call sessions.refresh() first`);
    return { 'next-auth.session-token': s.jwt };
  }

  /**
   * Makes every identity signed in again as it was: an allowed write may have changed an
   * identity (its own password; a role's permission set raises every holder's sessionVersion),
   * which ends its sessions. Restores the account and opens a fresh session where one ended.
   */
  async refresh(): Promise<void> {
    const ids = SIGNED_IN.map((w) => this.world.id[w]);
    for (const mustChangePassword of [false, true]) {
      const group = SIGNED_IN.filter((w) => (w === 'temporaryPassword') === mustChangePassword).map((w) => this.world.id[w]);
      await this.db.user.updateMany({
        where: { id: { in: group }, OR: [{ active: false }, { mustChangePassword: !mustChangePassword }, { passwordHash: { not: this.world.knownPasswordHash } }] },
        data: { active: true, mustChangePassword, passwordHash: this.world.knownPasswordHash },
      });
    }
    const [users, open] = await Promise.all([
      this.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, sessionVersion: true, schoolId: true } }),
      this.db.userSession.findMany({ where: { id: { in: [...this.current.values()].map((s) => s.sid) }, endedAt: null }, select: { id: true } }),
    ]);
    const openIds = new Set(open.map((s) => s.id));
    for (const who of SIGNED_IN) {
      const user = users.find((u) => u.id === this.world.id[who])!;
      const held = this.current.get(who);
      if (held && held.sv === user.sessionVersion && openIds.has(held.sid)) continue;
      const sid = randomUUID();
      await this.db.userSession.create({ data: { id: sid, schoolId: user.schoolId, userId: user.id } });
      const jwt = await encode({ token: { uid: user.id, sid, sv: user.sessionVersion }, secret: authSecret() });
      this.current.set(who, { sid, sv: user.sessionVersion, jwt });
    }
  }
}
