// A refusal of electronic processing in force closes the family's online diary (seed 000 §1):
// the parent and the pupil read nothing of it, through the Prisma scope and its SQL twin alike,
// while the class teacher and management still read it and paper extracts still print. No
// decision recorded leaves the diary open; a later consent re-opens it. Credential slips are not
// issued to such a family, and two decisions recorded at once leave exactly one in force.
// World: tests/support/authz-world.ts (S1 = the `student` account, child of `parent`, in K1 led by
// `classTeacher`; S2, child of P2, in K2, with no decision recorded).
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { refusedBy, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { buildWorld, SIGNED_IN, type World } from '../support/authz-world';
import type { Actor } from '@/lib/auth/actor';
import { addDays, weekStart } from '@/lib/domain/calendar';
import { readableDiaries } from '@/lib/data/scope';
import { readableDiaryPupil } from '@/lib/data/scope-sql';
import { recordConsent } from '@/lib/data/consents';
import { credentialOverview, issueCredentials } from '@/lib/data/credentials';
import { diaryStudents } from '@/lib/data/students';
import { familyChildren } from '@/lib/data/diary/family';
import { closedDiary } from '@/lib/data/diary/closed';
import { openDiary } from '@/lib/data/diary/open';
import { diaryWeek } from '@/lib/data/diary/week';
import { diaryMarks } from '@/lib/data/diary/marks';
import { diaryResults } from '@/lib/data/diary/results';
import { diarySchedule } from '@/lib/data/diary/schedule';
import { diaryTeachers } from '@/lib/data/diary/teachers';
import { diaryAttachment } from '@/lib/data/diary/attachments';
import { acknowledgeFinalMarks } from '@/lib/data/diary/acknowledge';
import { classDiaryChecks } from '@/lib/data/diary/class-checks';
import { loadWeekExtract } from '@/lib/data/extracts/week-extract';
import DiaryHomePage from '@/app/(diary)/diary/page';
import DiaryWeekPage from '@/app/(diary)/diary/[studentId]/page';

const db = testDb();
let w: World;
let admin: Actor;
let S1: number;
let attachmentId: number;

const decide = (studentId: number, guardianId: number, decision: 'GRANTED' | 'REFUSED') =>
  recordConsent(admin, { studentId, guardianId, decision, documentVersion: '2026-2', deliveryPreference: decision === 'GRANTED' ? 'ONLINE' : 'PAPER' });

/** Pupils the Prisma scope admits for the actor, and those its SQL twin admits. */
async function bothGates(actor: Actor): Promise<{ prisma: number[]; sql: number[] }> {
  const pupils = (await db.user.findMany({ where: { roles: { some: { role: 'STUDENT' } } }, select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
  const sql: number[] = [];
  for (const id of pupils) if (await readableDiaryPupil(actor, id)) sql.push(id);
  const prisma = (await db.user.findMany({ where: readableDiaries(actor), select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
  return { prisma, sql };
}

/** Everything of S1's diary the actor gets, as the family's pages and routes ask for it. */
async function diaryOfS1(actor: Actor) {
  return {
    open: await openDiary(actor, S1),
    week: await diaryWeek(actor, S1, w.today),
    marks: await diaryMarks(actor, S1),
    results: await diaryResults(actor, S1),
    schedule: await diarySchedule(actor, S1),
    teachers: await diaryTeachers(actor, S1),
    file: await diaryAttachment(actor, S1, attachmentId),
  };
}

const inForce = (studentId: number) => db.consent.findMany({ where: { studentId, inForce: true }, select: { id: true, decision: true } });

beforeAll(async () => {
  w = await buildWorld(db);
  admin = await actorFor(db, w.id.admin);
  S1 = w.id.student;
  attachmentId = (await db.homeworkAttachment.findFirstOrThrow({ where: { homework: { lessonId: w.L1, studentId: null } }, select: { id: true } })).id;
}, 120_000);

describe('a refusal in force', () => {
  it('closes the diary to the parent and the pupil, in the Prisma scope and its SQL twin alike', async () => {
    const parent = await actorFor(db, w.id.parent);
    const pupil = await actorFor(db, S1);
    expect((await bothGates(parent)).sql).toEqual([S1]); // the world's consent is a grant
    expect(await decide(S1, w.id.parent, 'REFUSED')).toMatchObject({ ok: true });

    for (const family of [parent, pupil]) {
      expect(await bothGates(family)).toEqual({ prisma: [], sql: [] });
      expect(await diaryOfS1(family)).toEqual({ open: null, week: null, marks: null, results: null, schedule: null, teachers: null, file: null });
    }
    // The parent cannot acknowledge results nor print the week from the closed diary either.
    const ack = await acknowledgeFinalMarks(parent, { studentId: S1, periodId: w.pastA, message: 'Ознакомлена' });
    expect(ack).toEqual({ ok: false, error: 'Электронный дневник этого ученика закрыт для семьи: в школе оформлен отказ от обработки персональных данных в электронной форме. Сведения об успеваемости выдаются на бумаге.' });
    // Someone else's child is not told about the refusal.
    expect(await acknowledgeFinalMarks(await actorFor(db, w.P2), { studentId: S1, periodId: w.pastA, message: '' })).toEqual({ ok: false, error: 'Итоговые отметки за этот период ещё не опубликованы.' });
    expect(await db.finalMarkAck.count({ where: { studentId: S1 } })).toBe(0);
    expect(await loadWeekExtract(parent, S1, null)).toMatchObject({ ok: false, status: 403, error: expect.stringContaining('Электронный дневник закрыт') });
  });

  it('tells the family why, and only about their own pupil', async () => {
    const parent = await actorFor(db, w.id.parent);
    const pupil = await actorFor(db, S1);
    expect(await closedDiary(parent, S1)).toMatchObject({ pupil: { id: S1, closed: true }, self: false });
    expect(await closedDiary(pupil, S1)).toMatchObject({ pupil: { id: S1, closed: true }, self: true });
    expect(await closedDiary(parent, w.S2)).toBeNull(); // someone else's child: still «not found»
    expect(await closedDiary(await actorFor(db, w.id.classTeacher), S1)).toBeNull();
    // The chooser and the switcher still list the child, marked.
    expect(await diaryStudents(parent)).toEqual([expect.objectContaining({ id: S1, closed: true })]);
    expect(await familyChildren(parent)).toEqual((await diaryStudents(parent)).map((s) => ({ ...s, newReply: false })));
    expect(await diaryStudents(pupil)).toEqual([expect.objectContaining({ id: S1, closed: true })]);
  });

  it('leaves the diary to the class teacher and management, and the paper extract to print', async () => {
    for (const who of ['classTeacher', 'management'] as const) {
      const staff = await actorFor(db, w.id[who]);
      const gates = await bothGates(staff);
      expect(gates.sql).toContain(S1);
      expect(gates.sql).toEqual(gates.prisma);
      const diary = await diaryOfS1(staff);
      for (const [part, value] of Object.entries(diary)) expect(value, `${who}: ${part}`).not.toBeNull();
      expect(await loadWeekExtract(staff, S1, null)).toMatchObject({ ok: true, extract: { pupilName: expect.stringContaining('Первушин') } });
    }
  });

  it('decides alike in both gates for every identity and the other family', async () => {
    const others = [w.P2, w.S2, w.S1b];
    for (const id of [...SIGNED_IN.map((who) => w.id[who]), ...others]) {
      const gates = await bothGates(await actorFor(db, id));
      expect(gates.sql, `user ${id}`).toEqual(gates.prisma);
      expect(gates.sql.includes(S1), `user ${id}`).toBe([w.id.classTeacher, w.id.management].includes(id));
    }
  });

  it('does not count the family as one that failed to check the diary', async () => {
    const checks = (await classDiaryChecks(await actorFor(db, w.id.classTeacher), w.K1))!;
    expect(checks.families.find((f) => f.studentId === S1)).toMatchObject({ offline: 'REFUSED', guardians: [expect.objectContaining({ hasAccount: true })] });
    expect(checks.summary.withMisses).toBe(0);
  });

  it('issues no credential slips to the pupil or the parents, and says why', async () => {
    const before = await db.user.findMany({ where: { id: { in: [S1, w.id.parent] } }, select: { id: true, passwordHash: true, sessionVersion: true }, orderBy: { id: 'asc' } });
    const batch = await issueCredentials(admin, { classId: w.K1, audience: 'BOTH', mode: 'ALL' });
    expect(batch).toMatchObject({ ok: true, withheld: 2 });
    if (!batch.ok) return;
    expect(batch.slips.map((s) => s.userId)).toEqual([w.S1b]); // the classmate, of no refusing family
    const onlyParents = await issueCredentials(admin, { classId: w.K1, audience: 'PARENT', mode: 'ALL' });
    expect(onlyParents).toMatchObject({ ok: false, error: expect.stringContaining('отказались от обработки персональных данных') });
    // Nothing of theirs was reset.
    expect(await db.user.findMany({ where: { id: { in: [S1, w.id.parent] } }, select: { id: true, passwordHash: true, sessionVersion: true }, orderBy: { id: 'asc' } })).toEqual(before);
    expect((await credentialOverview(admin))?.find((c) => c.id === w.K1)).toMatchObject({ closed: 1, pupils: 1 });
  });
});

describe('the pages of a closed diary', () => {
  /** The page of the world's lesson week (its lessons are two days back: last week on a Monday) of `studentId` as `userId` sees it, as HTML. */
  async function weekPage(userId: number, studentId: number): Promise<string> {
    await signInForRequest(db, userId);
    const week = weekStart(addDays(w.today, -2));
    const page = await DiaryWeekPage({ params: Promise.resolve({ studentId: String(studentId) }), searchParams: Promise.resolve({ week }) });
    return renderToStaticMarkup(page as React.ReactElement);
  }

  it('explain the refusal to the parent and the pupil, with an open sibling shown beside it as usual', async () => {
    // For this test the parent also has S1b, whose family decided nothing: that diary is open.
    await db.guardianship.create({ data: { schoolId: w.schoolA, parentId: w.id.parent, studentId: w.S1b } });
    try {
      for (const userId of [w.id.parent, S1]) {
        const html = await weekPage(userId, S1);
        expect(html).toContain('Электронный дневник закрыт');
        expect(html).toContain('выписки из дневника выдаёт классный руководитель');
        expect(html).toContain('подписать в школе согласие на обработку персональных данных');
        expect(html).not.toContain('Задачи 1–5'); // S1's homework of lesson L1
        expect(html).not.toContain('Распечатать выписку');
      }
      const sibling = await weekPage(w.id.parent, w.S1b);
      expect(sibling).toContain('Задачи 1–5');
      expect(sibling).not.toContain('Электронный дневник закрыт');
      expect(sibling).toMatch(/Пётр[^<]*<span[^>]*>5А<\/span><span[^>]*>\(выписки на бумаге\)/); // the switcher marks S1
      // The chooser lists both, the closed one marked.
      await signInForRequest(db, w.id.parent);
      const home = renderToStaticMarkup((await DiaryHomePage()) as React.ReactElement);
      expect(home).toContain(`href="/diary/${S1}"`);
      expect(home).toContain(`href="/diary/${w.S1b}"`);
      expect(home.match(/Дневник закрыт: выписки на бумаге/g)).toHaveLength(1);
    } finally {
      await db.guardianship.deleteMany({ where: { parentId: w.id.parent, studentId: w.S1b } });
    }
  });

  it("still answer «not found» for someone else's child", async () => {
    await expect(weekPage(w.P2, S1)).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_HTTP_ERROR_FALLBACK;404') });
  });
});

describe('the diary stays or becomes open', () => {
  it('with no decision recorded at all', async () => {
    expect(await db.consent.count({ where: { studentId: w.S2 } })).toBe(0);
    const otherParent = await actorFor(db, w.P2);
    expect(await bothGates(otherParent)).toEqual({ prisma: [w.S2], sql: [w.S2] });
    expect(await diaryWeek(otherParent, w.S2, w.today)).not.toBeNull();
    expect(await diaryStudents(otherParent)).toEqual([expect.objectContaining({ id: w.S2, closed: false })]);
  });

  it('again once a later consent is recorded', async () => {
    const granted = await decide(S1, w.id.parent, 'GRANTED');
    expect(granted).toMatchObject({ ok: true });
    expect(await inForce(S1)).toEqual([{ id: granted.ok ? granted.id : -1, decision: 'GRANTED' }]);
    for (const id of [w.id.parent, S1]) {
      const family = await actorFor(db, id);
      expect(await bothGates(family)).toEqual({ prisma: [S1], sql: [S1] });
      const diary = await diaryOfS1(family);
      for (const [part, value] of Object.entries(diary)) expect(value, part).not.toBeNull();
      expect(await closedDiary(family, S1)).toBeNull();
    }
  });
});

describe('the decision in force', () => {
  it('is exactly one row per pupil when two decisions are recorded at once', async () => {
    for (let round = 0; round < 6; round++) {
      const results = await Promise.all([decide(w.S2, w.P2, 'REFUSED'), decide(w.S2, w.P2, 'GRANTED'), decide(w.S2, w.P2, round % 2 ? 'GRANTED' : 'REFUSED')]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await inForce(w.S2)).toHaveLength(1);
    }
    expect(await db.consent.count({ where: { studentId: w.S2 } })).toBe(18);
  });

  it('waits for a decision still being recorded, then supersedes it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A transaction that has inserted a refusal and not committed yet.
    const slow = db.$transaction(async (tx) => {
      await tx.consent.create({ data: { schoolId: w.schoolA, studentId: S1, guardianId: w.id.parent, decision: 'REFUSED', documentVersion: 'slow', deliveryPreference: 'PAPER', recordedById: w.id.admin } });
      await held;
    }, { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 200));
    const fast = decide(S1, w.id.parent, 'GRANTED');
    await new Promise((r) => setTimeout(r, 200));
    release();
    await slow;
    const granted = await fast;
    expect(granted).toMatchObject({ ok: true });
    expect(await inForce(S1)).toEqual([{ id: granted.ok ? granted.id : -1, decision: 'GRANTED' }]);
    // The audit names the refusal it superseded as the previous decision.
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'consent.record', entityId: String(granted.ok ? granted.id : -1) } });
    expect(audit.oldValue).toMatchObject({ decision: 'REFUSED', documentVersion: 'slow' });
  });

  it('cannot be moved by hand: the rows stay append-only', async () => {
    const [row] = await inForce(S1);
    expect(await refusedBy(db.$executeRaw`UPDATE consents SET in_force = false WHERE id = ${row.id}`)).toBe('42501');
    const older = await db.consent.findFirstOrThrow({ where: { studentId: S1, inForce: false }, select: { id: true } });
    expect(await refusedBy(db.$executeRaw`UPDATE consents SET in_force = true WHERE id = ${older.id}`)).toBe('42501');
    expect(await inForce(S1)).toEqual([row]);
  });
});
