// The authorization matrix on real PostgreSQL (rows: tests/support/authz-rows.ts): every page,
// route handler and server action, called directly — proxy.ts never runs — by anonymous and by
// one person of every role, on their own, someone else's and another school's records. Allowed
// calls must succeed, the others be refused, and a refused write must leave the database as it
// was. The same matrix runs again with x-middleware-subrequest set (authz-matrix-subrequest).
import { describe, expect, it } from 'vitest';
import { listEntryPoints } from '../support/authz-entry-points';
import { MATRIX } from '../support/authz-rows';
import { describeMatrix } from '../support/authz-suite';

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

describeMatrix('the matrix, proxy.ts bypassed', {});
