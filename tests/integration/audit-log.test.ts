// Reading the audit trail: the filters the page offers find the events the code writes, and days
// are the school's days, as the times shown are.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import type { Actor } from '../../lib/auth/actor';
import { AUDIT_ACTION_FILTERS, AUDIT_PAGE_SIZE, readAuditLog } from '../../lib/data/audit-log';

const db = testDb();
let fx: SchoolFixture;
let admin: Actor;

async function event(action: string, createdAt: Date): Promise<void> {
  await db.auditLog.create({ data: { schoolId: fx.schoolId, actorId: fx.teacherId, action, createdAt } });
}

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  admin = await actorFor(db, fx.adminId);
});

describe('readAuditLog', () => {
  it('every filter of the page finds the events of its kind', async () => {
    const written = ['auth.login.success', 'auth.login.failure', 'auth.login.locked', 'user.create', 'users.import', 'role.permissions.set', 'mark.update',
      'attendance.create', 'finalmark.publish', 'finalmarks.acknowledge', 'consent.record', 'extract.print', 'guardian.link', 'class.teacher.set', 'period.close',
      'timetable-change.create', 'exam.publish', 'holiday.create', 'school.settings'];
    for (const action of written) await event(action, new Date('2026-12-01T09:00:00Z'));
    for (const [prefix, label] of AUDIT_ACTION_FILTERS) {
      const log = await readAuditLog(admin, { action: prefix });
      expect(log?.rows.length, label).toBeGreaterThan(0);
    }
    const finals = await readAuditLog(admin, { action: AUDIT_ACTION_FILTERS.find(([, l]) => l === 'Итоговые отметки')![0] });
    expect(finals?.rows.map((r) => r.action).sort()).toEqual(['finalmark.publish', 'finalmarks.acknowledge']);
    const users = await readAuditLog(admin, { action: AUDIT_ACTION_FILTERS.find(([, l]) => l === 'Изменения пользователей')![0] });
    expect(users?.rows.map((r) => r.action).sort()).toEqual(['user.create', 'users.import']);
  });

  it("the administrator's changes to families, class teachers and periods each have a filter of their own", async () => {
    for (const action of ['guardian.link', 'guardian.unlink', 'class.teacher.set', 'period.close', 'period.reopen']) {
      await event(action, new Date('2026-12-01T09:00:00Z'));
      const filter = AUDIT_ACTION_FILTERS.find(([prefix]) => action.startsWith(prefix));
      expect(filter, action).toBeDefined();
    }
    const families = await readAuditLog(admin, { action: AUDIT_ACTION_FILTERS.find(([, l]) => l === 'Связи родителей и детей')?.[0] ?? 'none' });
    expect(families?.rows.map((r) => r.action).sort()).toEqual(['guardian.link', 'guardian.unlink']);
  });

  it('ГИА results, holidays and the school settings each have a filter of their own', async () => {
    const written = ['exam.create', 'exam.update', 'exam.delete', 'exam.publish', 'holiday.create', 'holiday.update', 'holiday.delete', 'school.settings', 'mark.update'];
    for (const action of written) await event(action, new Date('2026-12-01T09:00:00Z'));
    const byLabel = async (label: string) => {
      const prefix = AUDIT_ACTION_FILTERS.find(([, l]) => l === label)?.[0];
      expect(prefix, label).toBeDefined();
      return (await readAuditLog(admin, { action: prefix }))?.rows.map((r) => r.action).sort();
    };
    expect(await byLabel('Результаты ГИА')).toEqual(['exam.create', 'exam.delete', 'exam.publish', 'exam.update']);
    expect(await byLabel('Каникулы')).toEqual(['holiday.create', 'holiday.delete', 'holiday.update']);
    expect(await byLabel('Настройки школы')).toEqual(['school.settings']);
  });

  it('entries older than the first page are offered page by page', async () => {
    for (let i = 0; i < AUDIT_PAGE_SIZE + 1; i++) await event('user.create', new Date(Date.UTC(2026, 11, 1, 9, 0, i)));
    await event('auth.logout', new Date('2026-12-01T10:00:00Z'));
    const first = await readAuditLog(admin, { action: 'user' });
    expect(first).toMatchObject({ page: 1, hasOlder: true });
    expect(first?.rows).toHaveLength(AUDIT_PAGE_SIZE);
    const second = await readAuditLog(admin, { action: 'user', page: 2 });
    expect(second).toMatchObject({ page: 2, hasOlder: false });
    expect(second?.rows.map((r) => r.action)).toEqual(['user.create']);
  });

  it('a day of the date filter is a day on the school clock (Moscow), and a malformed date is ignored', async () => {
    await event('mark.create', new Date('2026-11-30T20:30:00Z')); // 23:30 on 30 November in Moscow
    await event('mark.update', new Date('2026-11-30T21:30:00Z')); // 00:30 on 1 December
    await event('mark.delete', new Date('2026-12-01T22:00:00Z')); // 01:00 on 2 December
    const day = await readAuditLog(admin, { from: '2026-12-01', to: '2026-12-01' });
    expect(day?.rows.map((r) => r.action)).toEqual(['mark.update']);
    const broken = await readAuditLog(admin, { from: 'вчера', to: '2026-13-45' });
    expect(broken?.rows).toHaveLength(3);
    // Shaped like a date but not one (Date.parse takes 30 February as 2 March).
    expect((await readAuditLog(admin, { from: '2026-02-30', to: '3000-01-01' }))?.rows).toHaveLength(3);
  });
});
