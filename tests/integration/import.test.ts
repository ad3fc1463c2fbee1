// CSV import of pupils and parents (seed 002 §2.2): what the administrator sees in the preview
// and what ends up in the database — or, with a single bad row, that nothing does.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { previewImport, runImport } from '../../lib/data/import';
import type { Actor } from '../../lib/auth/actor';

const db = testDb();
let fx: SchoolFixture;
let admin: Actor;
let class7A: number;
const NOW = new Date('2026-11-23T09:00:00Z');

const HEADER = 'Фамилия ученика;Имя ученика;Отчество ученика;Дата рождения;Класс;Фамилия родителя;Имя родителя;Отчество родителя;Телефон родителя;Email родителя';
const csv = (...rows: string[]) => '\uFEFF' + [HEADER, ...rows].join('\r\n') + '\r\n';

const VALID = csv(
  'Петров;Иван;Андреевич;12.04.2013;7А;Петрова;Светлана;Игоревна;+7 (912) 000-11-22;sveta@mail.ru',
  'Петрова;Анна;Андреевна;03.09.2015;5А;Петрова;Светлана;Игоревна;89120001122;',
  'Смирнов;Олег;;30.01.2013;7 А;Смирнов;Дмитрий;;;dima@yandex.ru',
  'Кузнецова;Дарья;"Олеговна";15.06.2013;7А;;;;;',
);

const counts = async () => ({
  users: await db.user.count(),
  enrollments: await db.enrollment.count(),
  guardianships: await db.guardianship.count(),
  audit: await db.auditLog.count({ where: { action: 'users.import' } }),
});

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  class7A = (await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 7, letter: 'А', periodSchemeId: fx.periodSchemeId } })).id;
  admin = await actorFor(db, fx.adminId);
});

describe('import of a valid file', () => {
  it('previews exactly what will be created', async () => {
    const r = await previewImport(admin, VALID, NOW);
    if (!r.ok) throw new Error(r.error);
    expect(r.preview.valid).toBe(true);
    expect(r.preview.counts).toMatchObject({ pupils: 4, parents: 2, existingParents: 0, links: 3, invalidRows: 0 });
    expect(r.preview.academicYear).toBe('2026/2027');
    expect(r.preview.enrollFrom).toBe('2026-11-23');
    expect(await counts()).toMatchObject({ enrollments: 2, guardianships: 1, audit: 0 });
  });

  it('creates the pupils, one shared parent linked to both children, enrollments and links', async () => {
    const before = await counts();
    const r = await runImport(admin, VALID, NOW);
    if (!r.ok) throw new Error(r.error);
    expect(r.summary).toEqual({ pupils: 4, parents: 2, existingParents: 0, links: 3, enrollments: 4, classIds: [fx.classId, class7A].sort((a, b) => a - b) });
    expect(await counts()).toEqual({ users: before.users + 6, enrollments: before.enrollments + 4, guardianships: before.guardianships + 3, audit: 1 });

    const pupils = await db.user.findMany({
      where: { schoolId: fx.schoolId, roles: { some: { role: 'STUDENT' } }, lastName: { in: ['Петров', 'Петрова', 'Смирнов', 'Кузнецова'] } },
      select: { lastName: true, firstName: true, middleName: true, birthDate: true, login: true, passwordHash: true, enrollments: { select: { classId: true, startDate: true, endDate: true } } },
      orderBy: { lastName: 'asc' },
    });
    expect(pupils.map((p) => [p.lastName, p.firstName, p.middleName, p.birthDate?.toISOString().slice(0, 10), p.enrollments])).toEqual([
      ['Кузнецова', 'Дарья', 'Олеговна', '2013-06-15', [{ classId: class7A, startDate: new Date('2026-11-23T00:00:00Z'), endDate: null }]],
      ['Петров', 'Иван', 'Андреевич', '2013-04-12', [{ classId: class7A, startDate: new Date('2026-11-23T00:00:00Z'), endDate: null }]],
      ['Петрова', 'Анна', 'Андреевна', '2015-09-03', [{ classId: fx.classId, startDate: new Date('2026-11-23T00:00:00Z'), endDate: null }]],
      ['Смирнов', 'Олег', null, '2013-01-30', [{ classId: class7A, startDate: new Date('2026-11-23T00:00:00Z'), endDate: null }]],
    ]);
    expect(pupils.every((p) => p.login === null && p.passwordHash === null)).toBe(true);

    const mother = await db.user.findMany({
      where: { schoolId: fx.schoolId, lastName: 'Петрова', firstName: 'Светлана' },
      select: { phone: true, email: true, roles: { select: { role: true } }, children: { select: { student: { select: { firstName: true } } } } },
    });
    expect(mother).toHaveLength(1);
    expect(mother[0]).toMatchObject({ phone: '+79120001122', email: 'sveta@mail.ru', roles: [{ role: 'PARENT' }] });
    expect(mother[0].children.map((c) => c.student.firstName).sort()).toEqual(['Анна', 'Иван']);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'users.import' } });
    expect(audit).toMatchObject({ schoolId: fx.schoolId, actorId: fx.adminId, details: expect.objectContaining({ pupils: 4, parents: 2, links: 3 }) });
  });

  it('refuses the same file a second time instead of doubling the pupils', async () => {
    expect((await runImport(admin, VALID, NOW)).ok).toBe(true);
    const before = await counts();
    const again = await runImport(admin, VALID, NOW);
    expect(again.ok).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('links a parent already in the system instead of creating them again', async () => {
    expect((await runImport(admin, csv('Петров;Иван;;12.04.2013;7А;Петрова;Светлана;;+79120001122;'), NOW)).ok).toBe(true);
    const r = await runImport(admin, csv('Петрова;Анна;;03.09.2015;5А;Петрова;Светлана;;8 912 000 11 22;'), NOW);
    if (!r.ok) throw new Error(r.error);
    expect(r.summary).toMatchObject({ pupils: 1, parents: 0, existingParents: 1, links: 1 });
    const mothers = await db.user.findMany({ where: { firstName: 'Светлана' }, select: { children: { select: { studentId: true } } } });
    expect(mothers).toHaveLength(1);
    expect(mothers[0].children).toHaveLength(2);
  });
});

describe('a file with one bad row', () => {
  const BAD = csv(
    'Петров;Иван;;12.04.2013;7А;Петрова;Светлана;;+79120001122;',
    'Смирнов;Олег;;31.02.2013;7А;;;;;',
    'Кузнецова;Дарья;;15.06.2013;11Я;;;;;',
  );

  it('reports the row number and the message in the preview', async () => {
    const r = await previewImport(admin, BAD, NOW);
    if (!r.ok) throw new Error(r.error);
    expect(r.preview.valid).toBe(false);
    const bad = r.preview.rows.filter((row) => row.errors.length).map((row) => ({ line: row.line, messages: row.errors.map((e) => e.message) }));
    expect(bad).toEqual([
      { line: 3, messages: ['Дата рождения «31.02.2013» не распознана: нужна дата в виде ДД.ММ.ГГГГ'] },
      { line: 4, messages: ['Класса «11Я» нет в текущем учебном году'] },
    ]);
  });

  it('imports nothing at all', async () => {
    const before = await counts();
    const r = await runImport(admin, BAD, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('Ничего не импортировано');
    expect('preview' in r && r.preview?.counts.invalidRows).toBe(2);
    expect(await counts()).toEqual(before);
  });
});

describe('access', () => {
  it('refuses a teacher and changes nothing', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    const before = await counts();
    expect(await previewImport(teacher, VALID, NOW)).toEqual({ ok: false, error: 'Недостаточно прав для этого действия' });
    expect(await runImport(teacher, VALID, NOW)).toEqual({ ok: false, error: 'Недостаточно прав для этого действия' });
    expect(await counts()).toEqual(before);
  });

  it('never matches the classes of another school', async () => {
    const other = await createSchoolFixture(db);
    const otherAdmin = await actorFor(db, other.adminId);
    // The other school has only 5А: 7А (this school) is unknown there.
    const r = await previewImport(otherAdmin, csv('Петров;Иван;;12.04.2013;7А;;;;;'), NOW);
    if (!r.ok) throw new Error(r.error);
    expect(r.preview.rows[0].errors[0].message).toBe('Класса «7А» нет в текущем учебном году');
  });
});
