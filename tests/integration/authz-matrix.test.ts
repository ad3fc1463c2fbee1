// The authorization matrix on real PostgreSQL (rows: tests/support/authz-rows.ts): every page,
// route handler and server action, called directly — proxy.ts never runs — by anonymous and by
// one person of every role, on their own, someone else's and another school's records. Allowed
// calls must succeed, the others be refused, and a refused write must leave the database as it
// was. The same matrix runs again with x-middleware-subrequest set (authz-matrix-subrequest).
import { describe, expect, it } from 'vitest';
import { testDb } from '../support/db';
import { listEntryPoints } from '../support/authz-entry-points';
import { Crash } from '../support/authz-invoke';
import { runCell, type Cell, type MatrixContext, type Row } from '../support/authz-matrix';
import { MATRIX } from '../support/authz-rows';
import { describeMatrix } from '../support/authz-suite';
import { DatabaseFingerprint } from '../support/authz-snapshot';
import { OTHER_SCHOOL_MARKER, type Sessions, type World } from '../support/authz-world';

describe('the matrix covers every entry point', () => {
  it('has a row for each page, route handler method and server action, and no row without one', async () => {
    const { entries, problems } = await listEntryPoints();
    const found = new Set(entries.map((e) => e.key));
    const rows = new Set(MATRIX.map((r) => r.key));
    const missing = [...found].filter((k) => !rows.has(k)).sort();
    const stale = [...rows].filter((k) => !found.has(k)).sort();
    expect(problems, 'entry points the matrix cannot name').toEqual([]);
    expect(missing, `entry points without a row in tests/support/authz-rows.ts:\n  ${missing.join('\n  ')}`).toEqual([]);
    expect(stale, `rows of tests/support/authz-rows.ts without an entry point:\n  ${stale.join('\n  ')}`).toEqual([]);
    expect(entries.length).toBeGreaterThan(50);
  });
});

describe('the matrix notices what it is there to notice', () => {
  const db = testDb();
  const ctx: MatrixContext = {
    db, world: () => ({}) as World, headers: {}, knownBugs: [],
    sessions: () => ({ cookies: () => ({}), refresh: async () => {} }) as unknown as Sessions,
  };
  const row = (cell: Cell): Row => ({ key: 'action self-test', kind: 'action', write: true, records: { own: cell } });
  const problem = async (cell: Cell, who: 'admin' | 'parent', c: MatrixContext = ctx) =>
    (await runCell(row(cell), 'own', cell, who, c, new DatabaseFingerprint(db), {})).problem ?? '';

  it('a refused call that wrote, an allowed one that did not, a leak, a crash and a stale known bug', async () => {
    const write = async () => void (await db.school.create({ data: { name: 'Самопроверка', shortName: 'С', roundingPolicy: {} } }));
    expect(await problem({ allow: [], call: async () => (await write(), { allowed: false, detail: 'refused' }) }, 'parent')).toMatch(/refused, yet it changed schools/);
    expect(await problem({ allow: ['admin'], call: async () => ({ allowed: true, detail: 'ok' }) }, 'admin')).toMatch(/allowed, yet it wrote nothing/);
    expect(await problem({ allow: ['parent'], call: async () => (await write(), { allowed: true, detail: 'ok', text: `Школа ${OTHER_SCHOOL_MARKER}ья` }) }, 'parent')).toMatch(/another school's data/);
    expect(await problem({ allow: ['parent'], call: async () => { throw new Crash('crashed: boom'); } }, 'parent')).toMatch(/crashed: boom/);
    const withBug = { ...ctx, knownBugs: [{ key: 'action self-test', record: 'own' as const, who: 'parent' as const, note: 'n' }] };
    expect(await problem({ allow: [], call: async () => ({ allowed: false, detail: 'refused' }) }, 'parent', withBug)).toMatch(/KNOWN_BUG no longer happens/);
    expect(await problem({ allow: [], call: async () => ({ allowed: false, detail: 'refused' }) }, 'parent')).toBe('');
  });
});

describeMatrix('the matrix, proxy.ts bypassed', {});
