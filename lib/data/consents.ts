// Consent to electronic processing of personal data (152-ФЗ; seed 000 §1, seed 002 §3.7).
// Consents are append-only: a new decision is a new row, the newest row is in force (its inForce
// flag, kept by a trigger: migration *_consent_in_force) and the older ones are its history. A
// refusal in force also closes the family's online diary (readableDiaries, lib/data/scope.ts).
// Delivery follows the consent in force, denying by default: no consent, a refusal or a paper
// preference all mean a paper printout (seed 002 §3.8). A decision whose signer is gone: see OPEN_TO_FAMILY.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import { fullName } from '../auth/actor';
import type { ConsentDecision, DeliveryPreference } from '../generated/prisma/enums';
import type { Prisma } from '../prisma-client';
import { toSchoolDate, toSchoolTime } from '../domain/timezone';
import { currentAcademicYear } from './import';
import { formatRussianDate, normalizeEmail } from './import-parse';
import { className } from './names';
import { CLASS_NOW_FIRST, notEndedBy, schoolToday } from './enrolled';
import { printsSchool } from './extracts/access';
import type { Failure, Result } from './users';

export type ConsentView = {
  id: number;
  decision: ConsentDecision;
  documentVersion: string;
  deliveryPreference: DeliveryPreference;
  contactEmail: string | null;
  contactPhone: string | null;
  note: string | null;
  guardian: { id: number; name: string } | null;
  recordedBy: { id: number; name: string };
  recordedAt: Date;
  /** 'ДД.ММ.ГГГГ ЧЧ:ММ' on the school's clock. */
  recordedAtText: string;
};

export type GuardianOption = { id: number; name: string; email: string | null; phone: string | null };

export type PupilConsent = {
  studentId: number;
  name: string;
  classId: number;
  className: string;
  guardians: GuardianOption[];
  /** The newest recorded decision, or null: not recorded yet («не оформлено»). */
  consent: ConsentView | null;
  /**
   * The newest decision is a grant signed by a parent who is no longer an active guardian of the
   * pupil: it counts as none (deliveriesOf), and the family is on paper until a new one is
   * recorded. A refusal stays in force whoever signed it (OPEN_TO_FAMILY, scope.ts).
   */
  signerGone: boolean;
};

export type ConsentInput = {
  studentId: number;
  guardianId: number;
  decision: ConsentDecision;
  documentVersion: string;
  deliveryPreference: DeliveryPreference;
  contactEmail?: string | null;
  contactPhone?: string | null;
  note?: string | null;
};

export type PaperReason = 'NO_CONSENT' | 'REFUSED' | 'PAPER' | 'NO_EMAIL';

export type DeliveryLists = {
  email: { studentId: number; guardianId: number | null; email: string }[];
  paper: { studentId: number; reason: PaperReason }[];
  online: { studentId: number; guardianId: number | null }[];
};

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };

const personName = { select: { id: true, lastName: true, firstName: true, middleName: true } } as const;
const consentSelect = {
  id: true, studentId: true, decision: true, documentVersion: true, deliveryPreference: true, contactEmail: true, contactPhone: true, note: true, recordedAt: true,
  guardian: personName, recordedBy: personName,
} as const;

type ConsentRow = Prisma.ConsentGetPayload<{ select: typeof consentSelect }>;

function view(c: ConsentRow, timezone: string): ConsentView {
  return {
    id: c.id, decision: c.decision, documentVersion: c.documentVersion, deliveryPreference: c.deliveryPreference,
    contactEmail: c.contactEmail, contactPhone: c.contactPhone, note: c.note,
    guardian: c.guardian ? { id: c.guardian.id, name: fullName(c.guardian) } : null,
    recordedBy: { id: c.recordedBy.id, name: fullName(c.recordedBy) },
    recordedAt: c.recordedAt,
    recordedAtText: `${formatRussianDate(toSchoolDate(c.recordedAt, timezone))} ${toSchoolTime(c.recordedAt, timezone)}`,
  };
}

async function schoolTimezone(schoolId: number): Promise<string> {
  return (await getDb().school.findUniqueOrThrow({ where: { id: schoolId }, select: { timezone: true } })).timezone;
}

/** Newest first: the row in force, then by time and id (two recorded at once commit in either order). */
const newestFirst: Prisma.ConsentOrderByWithRelationInput[] = [{ inForce: 'desc' }, { recordedAt: 'desc' }, { id: 'desc' }];

/** Pupils enrolled now or from a later date (an August intake), in class and name order. */
async function enrolledPupils(schoolId: number, classIds: number[] | null, now: Date) {
  const db = getDb();
  const today = schoolToday(await schoolTimezone(schoolId), now);
  const current: Prisma.EnrollmentWhereInput = { schoolId, ...notEndedBy(today), ...(classIds ? { classId: { in: classIds } } : {}) };
  const rows = await db.user.findMany({
    where: { schoolId, active: true, roles: { some: { role: 'STUDENT' } }, enrollments: { some: current } },
    select: {
      id: true, lastName: true, firstName: true, middleName: true,
      enrollments: { where: current, orderBy: CLASS_NOW_FIRST, take: 1, select: { schoolClass: { select: { id: true, gradeLevel: true, letter: true } } } },
    },
  });
  return rows
    .map((r) => ({ ...r, cls: r.enrollments[0].schoolClass }))
    .sort((a, b) => a.cls.gradeLevel - b.cls.gradeLevel || a.cls.letter.localeCompare(b.cls.letter, 'ru') || fullName(a).localeCompare(fullName(b), 'ru') || a.id - b.id);
}

/** The consent in force for each pupil: the newest row. */
async function consentsInForce(schoolId: number, studentIds: number[]): Promise<Map<number, ConsentRow>> {
  const rows = studentIds.length
    ? await getDb().consent.findMany({ where: { schoolId, studentId: { in: studentIds }, inForce: true }, select: consentSelect })
    : [];
  return new Map(rows.map((r) => [r.studentId, r]));
}

/** The classes of the current academic year, for the class filter. */
export async function consentClasses(actor: Actor, now = new Date()): Promise<{ id: number; name: string }[]> {
  if (!actor.permissions.has('consent:manage')) return [];
  const db = getDb();
  const year = await currentAcademicYear(db, actor.schoolId, toSchoolDate(now, await schoolTimezone(actor.schoolId)));
  if (!year) return [];
  const rows = await db.schoolClass.findMany({
    where: { schoolId: actor.schoolId, academicYearId: year.id }, select: { id: true, gradeLevel: true, letter: true }, orderBy: [{ gradeLevel: 'asc' }, { letter: 'asc' }],
  });
  return rows.map((c) => ({ id: c.id, name: className(c) }));
}

/** Every pupil of the school (or of one class) with the consent in force and the parents who may sign it. */
export async function currentConsents(actor: Actor, filter: { classId?: number } = {}, now = new Date()): Promise<PupilConsent[] | null> {
  if (!actor.permissions.has('consent:manage')) return null;
  const pupils = await enrolledPupils(actor.schoolId, filter.classId ? [filter.classId] : null, now);
  const ids = pupils.map((p) => p.id);
  const [timezone, inForce, links] = await Promise.all([
    schoolTimezone(actor.schoolId),
    consentsInForce(actor.schoolId, ids),
    ids.length
      ? getDb().guardianship.findMany({
          where: { schoolId: actor.schoolId, studentId: { in: ids } },
          select: { studentId: true, parent: { select: { id: true, lastName: true, firstName: true, middleName: true, email: true, phone: true, active: true, schoolId: true } } },
        })
      : [],
  ]);
  const signers = new Set(links.filter((l) => l.parent.active && l.parent.schoolId === actor.schoolId).map((l) => `${l.studentId}:${l.parent.id}`));
  return pupils.map((p) => {
    const consent = inForce.get(p.id);
    const own = links.filter((l) => l.studentId === p.id);
    return {
      studentId: p.id, name: fullName(p), classId: p.cls.id, className: className(p.cls),
      guardians: own.filter((l) => l.parent.active).map((l) => ({ id: l.parent.id, name: fullName(l.parent), email: l.parent.email, phone: l.parent.phone })),
      consent: consent ? view(consent, timezone) : null,
      signerGone: !!consent && grantSignerGone(consent, signers),
    };
  });
}

export type ConsentHistory = {
  student: { id: number; name: string; className: string | null; guardians: GuardianOption[] };
  /** Newest first; rows[0] is in force. */
  rows: ConsentView[];
};

/** A pupil's consent rows, newest first, with the parents who may sign a new one. Null if not visible. */
export async function consentHistory(actor: Actor, studentId: number, now = new Date()): Promise<ConsentHistory | null> {
  if (!actor.permissions.has('consent:manage')) return null;
  const db = getDb();
  const student = await db.user.findFirst({
    where: { id: studentId, schoolId: actor.schoolId, roles: { some: { role: 'STUDENT' } } },
    select: {
      id: true, lastName: true, firstName: true, middleName: true,
      enrollments: { where: notEndedBy(schoolToday(actor.timeZone, now)), orderBy: CLASS_NOW_FIRST, take: 1, select: { schoolClass: { select: { gradeLevel: true, letter: true } } } },
      // Only active parents sign: a decision by a deactivated one would not count (deliveriesOf).
      guardians: { where: { parent: { active: true } }, select: { parent: { select: { id: true, lastName: true, firstName: true, middleName: true, email: true, phone: true } } } },
    },
  });
  if (!student) return null;
  const [rows, timezone] = await Promise.all([
    db.consent.findMany({ where: { schoolId: actor.schoolId, studentId }, orderBy: newestFirst, select: consentSelect }),
    schoolTimezone(actor.schoolId),
  ]);
  return {
    student: {
      id: student.id, name: fullName(student), className: student.enrollments[0] ? className(student.enrollments[0].schoolClass) : null,
      guardians: student.guardians.map((g) => ({ id: g.parent.id, name: fullName(g.parent), email: g.parent.email, phone: g.parent.phone })),
    },
    rows: rows.map((r) => view(r, timezone)),
  };
}

/**
 * Appends a decision for a pupil, signed by one of the pupil's active parents. A refusal is always
 * delivered on paper and keeps no e-mail address; e-mail delivery needs an address.
 */
export async function recordConsent(actor: Actor, input: ConsentInput): Promise<Result<{ id: number }>> {
  if (!actor.permissions.has('consent:manage')) return denied;
  const db = getDb();
  const student = await db.user.findFirst({ where: { id: input.studentId, schoolId: actor.schoolId, roles: { some: { role: 'STUDENT' } } }, select: { id: true } });
  if (!student) return { ok: false, error: 'Ученик не найден', field: 'studentId' };
  const link = await db.guardianship.findFirst({ where: { schoolId: actor.schoolId, studentId: input.studentId, parentId: input.guardianId, parent: { active: true } }, select: { parentId: true } });
  if (!link) return { ok: false, error: 'Выберите родителя (законного представителя) этого ученика', field: 'guardianId' };

  const documentVersion = input.documentVersion.trim();
  if (!documentVersion || documentVersion.length > 40) return { ok: false, error: 'Укажите версию документа (до 40 знаков)', field: 'documentVersion' };
  const refused = input.decision === 'REFUSED';
  const deliveryPreference: DeliveryPreference = refused ? 'PAPER' : input.deliveryPreference;
  const rawEmail = input.contactEmail?.trim() || null;
  const contactEmail = refused || !rawEmail ? null : normalizeEmail(rawEmail);
  if (!refused && rawEmail && !contactEmail) return { ok: false, error: 'Неверный адрес электронной почты', field: 'contactEmail' };
  if (deliveryPreference === 'EMAIL' && !contactEmail) return { ok: false, error: 'Для доставки по электронной почте укажите адрес', field: 'contactEmail' };
  const contactPhone = input.contactPhone?.trim() || null;
  if (contactPhone && contactPhone.length > 30) return { ok: false, error: 'Слишком длинный номер телефона', field: 'contactPhone' };
  const note = input.note?.trim() || null;
  if (note && note.length > 500) return { ok: false, error: 'Примечание длиннее 500 знаков', field: 'note' };

  const id = await db.$transaction(async (tx) => {
    // The lock the insert's trigger takes anyway, taken first so that the audit's previous
    // decision is the one this row supersedes even when two are recorded at once.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('consent'), ${input.studentId}::int)`;
    const previous = await tx.consent.findFirst({ where: { schoolId: actor.schoolId, studentId: input.studentId, inForce: true }, select: { id: true, decision: true, deliveryPreference: true, documentVersion: true } });
    const created = await tx.consent.create({
      data: {
        schoolId: actor.schoolId, studentId: input.studentId, guardianId: input.guardianId, decision: input.decision, documentVersion,
        deliveryPreference, contactEmail, contactPhone, note, recordedById: actor.id,
      },
      select: { id: true },
    });
    // The audit row says what changed, not the contacts themselves: those stay in the consent row.
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'consent.record', entityType: 'Consent', entityId: created.id,
      oldValue: previous ?? null,
      newValue: { studentId: input.studentId, guardianId: input.guardianId, decision: input.decision, documentVersion, deliveryPreference, hasEmail: !!contactEmail, hasPhone: !!contactPhone },
    });
    return created.id;
  });
  return { ok: true, id };
}

/**
 * Who gets the diary how: e-mail only with a granted consent choosing e-mail and giving an
 * address; online with a granted consent choosing the personal account; everyone else on paper.
 * Readable by consent managers and by whoever prints the school's extracts (printsSchool, the
 * rule of the print pages and batches); a class teacher
 * gets their own classes. Null when the actor may see none of the asked classes.
 */
export async function deliveryLists(actor: Actor, filter: { classId?: number } = {}, now = new Date()): Promise<DeliveryLists | null> {
  const wholeSchool = actor.permissions.has('consent:manage') || printsSchool(actor);
  let classIds: number[] | null = filter.classId ? [filter.classId] : null;
  if (!wholeSchool) {
    const own = actor.classTeacherOf;
    if (!own.length || (filter.classId && !own.includes(filter.classId))) return null;
    classIds = classIds ?? [...own];
  }
  const pupils = await enrolledPupils(actor.schoolId, classIds, now);
  const deliveries = await deliveriesOf(actor.schoolId, pupils.map((p) => p.id));
  const lists: DeliveryLists = { email: [], paper: [], online: [] };
  for (const p of pupils) {
    const d = deliveries.get(p.id)!;
    if (d.kind === 'email') lists.email.push({ studentId: p.id, guardianId: d.guardianId, email: d.email });
    else if (d.kind === 'online') lists.online.push({ studentId: p.id, guardianId: d.guardianId });
    else lists.paper.push({ studentId: p.id, reason: d.reason });
  }
  return lists;
}

export type Delivery =
  | { kind: 'online'; guardianId: number | null }
  | { kind: 'email'; guardianId: number | null; email: string }
  | { kind: 'paper'; reason: PaperReason };

/**
 * How each pupil's family gets the diary under the consent in force (the rule of deliveryLists).
 * A refusal in force is a refusal whoever signed it, as it closes the online diary (the rule at
 * OPEN_TO_FAMILY, scope.ts). A grant speaks only for the parent who signed it: once that parent
 * is unlinked from the child, deactivated or deleted, the family is treated as having no consent
 * at all, so no letter goes to an address the school no longer answers for. An older row by
 * another parent does not revive: the school records a new decision instead.
 */
export async function deliveriesOf(schoolId: number, studentIds: number[]): Promise<Map<number, Delivery>> {
  const [inForce, signers] = await Promise.all([consentsInForce(schoolId, studentIds), currentGuardians(schoolId, studentIds)]);
  return new Map(studentIds.map((id) => {
    const row = inForce.get(id);
    const c = row && !grantSignerGone(row, signers) ? row : undefined;
    const guardianId = c?.guardian?.id ?? null;
    let d: Delivery;
    if (!c) d = { kind: 'paper', reason: 'NO_CONSENT' };
    else if (c.decision !== 'GRANTED') d = { kind: 'paper', reason: 'REFUSED' };
    else if (c.deliveryPreference === 'EMAIL' && c.contactEmail) d = { kind: 'email', guardianId, email: c.contactEmail };
    else if (c.deliveryPreference === 'EMAIL') d = { kind: 'paper', reason: 'NO_EMAIL' };
    else if (c.deliveryPreference === 'ONLINE') d = { kind: 'online', guardianId };
    else d = { kind: 'paper', reason: 'PAPER' };
    return [id, d];
  }));
}

/** A grant whose signer is no longer an active guardian of the pupil: it counts as no decision (OPEN_TO_FAMILY, scope.ts). */
function grantSignerGone(row: { studentId: number; decision: ConsentDecision; guardian: { id: number } | null }, signers: Set<string>): boolean {
  return row.decision === 'GRANTED' && !(row.guardian && signers.has(`${row.studentId}:${row.guardian.id}`));
}

/** 'pupil:parent' for every active parent linked to one of the pupils now. */
async function currentGuardians(schoolId: number, studentIds: number[]): Promise<Set<string>> {
  if (!studentIds.length) return new Set();
  const links = await getDb().guardianship.findMany({
    where: { schoolId, studentId: { in: studentIds }, parent: { schoolId, active: true } },
    select: { studentId: true, parentId: true },
  });
  return new Set(links.map((l) => `${l.studentId}:${l.parentId}`));
}
