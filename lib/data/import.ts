// Initial population from a CSV of pupils and parents (seed 002 §2.2). The same analysis serves
// the preview and the import; the import repeats it inside its transaction, so what is written
// is what was checked, and a file with any invalid row writes nothing.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { toSchoolDate } from '../domain/timezone';
import { dbDate, isoDate } from './dates';
import { nameKey, normalizePhone, planImport, type ImportPlan } from './import-parse';
import type { Failure, Result } from './users';

export type ImportPreview = ImportPlan & {
  /** '2026/2027', or null when the school has no current academic year. */
  academicYear: string | null;
  /** The date pupils are enrolled from: today in the school's timezone, or the first day of the year. */
  enrollFrom: string | null;
  /** Parents of the file who are already in the system: plan key → user id. They are linked, not created. */
  existingParents: Record<string, number>;
  counts: ImportPlan['counts'] & { existingParents: number };
};

export type ImportSummary = { pupils: number; parents: number; existingParents: number; links: number; enrollments: number; classIds: number[] };

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };

type Db = Prisma.TransactionClient;

/** The academic year containing `today`, or else the next one to begin (imports happen in August too). */
export async function currentAcademicYear(db: Db, schoolId: number, today: string) {
  const date = dbDate(today);
  const select = { id: true, label: true, startDate: true } as const;
  return (
    (await db.academicYear.findFirst({ where: { schoolId, startDate: { lte: date }, endDate: { gte: date } }, select })) ??
    (await db.academicYear.findFirst({ where: { schoolId, startDate: { gt: date } }, orderBy: { startDate: 'asc' }, select }))
  );
}

async function analyse(db: Db, actor: Actor, csv: string, now: Date): Promise<ImportPreview> {
  const school = await db.school.findUniqueOrThrow({ where: { id: actor.schoolId }, select: { timezone: true } });
  const today = toSchoolDate(now, school.timezone);
  const year = await currentAcademicYear(db, actor.schoolId, today);
  const classes = year
    ? await db.schoolClass.findMany({ where: { schoolId: actor.schoolId, academicYearId: year.id }, select: { id: true, gradeLevel: true, letter: true } })
    : [];
  const plan = planImport(csv, { classes, today });
  const yearStart = year ? isoDate(year.startDate) : null;
  const enrollFrom = yearStart && yearStart > today ? yearStart : year ? today : null;
  const preview: ImportPreview = { ...plan, academicYear: year?.label ?? null, enrollFrom, existingParents: {}, counts: { ...plan.counts, existingParents: 0 } };
  if (!year) {
    preview.fileErrors.unshift('В школе нет текущего учебного года: сначала создайте учебный год и его классы.');
    preview.valid = false;
    return preview;
  }
  if (plan.fileErrors.length) return preview;

  await markPupilsAlreadyInSystem(db, actor.schoolId, preview);
  await findExistingParents(db, actor.schoolId, preview);

  const linked = new Set(preview.rows.filter((r) => r.student && r.parentKey).map((r) => r.parentKey!));
  preview.parents = preview.parents.filter((p) => linked.has(p.key));
  const existing = preview.parents.filter((p) => preview.existingParents[p.key] !== undefined).length;
  preview.counts = {
    pupils: preview.rows.filter((r) => r.student).length,
    parents: preview.parents.length - existing,
    existingParents: existing,
    links: preview.rows.filter((r) => r.student && r.parentKey).length,
    invalidRows: preview.rows.filter((r) => r.errors.length).length,
  };
  preview.valid = preview.fileErrors.length === 0 && preview.counts.invalidRows === 0;
  return preview;
}

/** Importing the same list twice must not double the pupils: same full name and birth date = same pupil. */
async function markPupilsAlreadyInSystem(db: Db, schoolId: number, preview: ImportPreview) {
  const planned = preview.rows.filter((r) => r.student);
  if (!planned.length) return;
  const birthDates = [...new Set(planned.map((r) => r.student!.birthDate))].map(dbDate);
  const existing = await db.user.findMany({
    where: { schoolId, roles: { some: { role: 'STUDENT' } }, birthDate: { in: birthDates } },
    select: { lastName: true, firstName: true, middleName: true, birthDate: true },
  });
  const known = new Set(existing.map((u) => `${nameKey(u.lastName, u.firstName, u.middleName)}|${isoDate(u.birthDate!)}`));
  for (const row of planned) {
    const s = row.student!;
    if (known.has(`${nameKey(s.lastName, s.firstName, s.middleName)}|${s.birthDate}`)) {
      row.errors.push({ message: 'Такой ученик (ФИО и дата рождения) уже есть в системе — возможно, файл уже загружали' });
      row.student = null;
    }
  }
}

/** A parent already registered (a sibling imported earlier) is linked to the new child, not duplicated. */
async function findExistingParents(db: Db, schoolId: number, preview: ImportPreview) {
  if (!preview.parents.length) return;
  const candidates = await db.user.findMany({
    where: { schoolId, roles: { some: { role: 'PARENT' } }, OR: [{ phone: { not: null } }, { email: { not: null } }] },
    select: { id: true, lastName: true, firstName: true, middleName: true, phone: true, email: true },
  });
  const byName = new Map<string, typeof candidates>();
  for (const c of candidates) {
    const key = nameKey(c.lastName, c.firstName, c.middleName);
    byName.set(key, [...(byName.get(key) ?? []), c]);
  }
  for (const p of preview.parents) {
    const match = byName.get(nameKey(p.lastName, p.firstName, p.middleName))?.find(
      (c) => (p.phone && c.phone && normalizePhone(c.phone) === p.phone) || (p.email && c.email?.trim().toLowerCase() === p.email),
    );
    if (match) preview.existingParents[p.key] = match.id;
  }
}

/** The preview: what would be created, and every error by line. Writes nothing. */
export async function previewImport(actor: Actor, csv: string, now = new Date()): Promise<Result<{ preview: ImportPreview }>> {
  if (!actor.permissions.has('users:manage')) return denied;
  const db = getDb();
  return { ok: true, preview: await analyse(db, actor, csv, now) };
}

/**
 * Creates the pupils (role STUDENT, no login yet), their enrollments from `enrollFrom`, the new
 * parents (role PARENT) and the links, in one transaction with one audit row. If the file has any
 * error nothing is written and the failure carries the preview with the errors.
 */
export async function runImport(
  actor: Actor,
  csv: string,
  now = new Date(),
): Promise<Result<{ summary: ImportSummary }> | (Failure & { preview?: ImportPreview })> {
  if (!actor.permissions.has('users:manage')) return denied;
  const schoolId = actor.schoolId;
  return getDb().$transaction(
    async (tx) => {
      // One import per school at a time, so two clicks cannot both pass the duplicate check.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('users.import'), ${schoolId}::int)`;
      const preview = await analyse(tx, actor, csv, now);
      if (!preview.valid) {
        const bad = preview.fileErrors.length ? 'файл не подходит' : `ошибки в строках: ${preview.counts.invalidRows}`;
        return { ok: false as const, error: `Ничего не импортировано: ${bad}. Исправьте файл и загрузите его снова.`, preview };
      }
      const rows = preview.rows.filter((r) => r.student);
      const students = rows.map((r) => r.student!);
      const studentKey = (s: { lastName: string; firstName: string; middleName: string | null; birthDate: string }) =>
        `${nameKey(s.lastName, s.firstName, s.middleName)}|${s.birthDate}`;

      const createdStudents = await tx.user.createManyAndReturn({
        data: students.map((s) => ({ schoolId, lastName: s.lastName, firstName: s.firstName, middleName: s.middleName, birthDate: dbDate(s.birthDate) })),
        select: { id: true, lastName: true, firstName: true, middleName: true, birthDate: true },
      });
      // Keys are unique within a valid file, so rows are matched back by content, not by order.
      const studentIds = new Map(createdStudents.map((u) => [studentKey({ ...u, birthDate: isoDate(u.birthDate!) }), u.id]));

      const newParents = preview.parents.filter((p) => preview.existingParents[p.key] === undefined);
      const parentKey = (p: { lastName: string; firstName: string; middleName: string | null; phone: string | null; email: string | null }) =>
        `${nameKey(p.lastName, p.firstName, p.middleName)}|${p.phone ?? ''}|${p.email ?? ''}`;
      const createdParents = await tx.user.createManyAndReturn({
        data: newParents.map((p) => ({ schoolId, lastName: p.lastName, firstName: p.firstName, middleName: p.middleName, phone: p.phone, email: p.email })),
        select: { id: true, lastName: true, firstName: true, middleName: true, phone: true, email: true },
      });
      const createdParentIds = new Map(createdParents.map((u) => [parentKey(u), u.id]));
      const parentIds = new Map(preview.parents.map((p) => [p.key, preview.existingParents[p.key] ?? createdParentIds.get(parentKey(p))!]));

      await tx.userRole.createMany({
        data: [
          ...createdStudents.map((u) => ({ schoolId, userId: u.id, role: 'STUDENT' as const })),
          ...createdParents.map((u) => ({ schoolId, userId: u.id, role: 'PARENT' as const })),
        ],
      });
      const startDate = dbDate(preview.enrollFrom!);
      await tx.enrollment.createMany({
        data: students.map((s) => ({ schoolId, studentId: studentIds.get(studentKey(s))!, classId: s.classId, startDate, endDate: null })),
      });
      const links = rows
        .filter((r) => r.parentKey)
        .map((r) => ({ schoolId, parentId: parentIds.get(r.parentKey!)!, studentId: studentIds.get(studentKey(r.student!))! }));
      await tx.guardianship.createMany({ data: links });

      const summary: ImportSummary = {
        pupils: createdStudents.length,
        parents: createdParents.length,
        existingParents: preview.counts.existingParents,
        links: links.length,
        enrollments: students.length,
        classIds: [...new Set(students.map((s) => s.classId))].sort((a, b) => a - b),
      };
      await writeAudit(tx, {
        schoolId, actorId: actor.id, action: 'users.import', entityType: 'School', entityId: schoolId,
        details: { ...summary, rows: preview.rows.length, enrollFrom: preview.enrollFrom, academicYear: preview.academicYear },
      });
      return { ok: true as const, summary };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
