// Runs the whole matrix (tests/support/authz-rows.ts) in one test file: builds the world once,
// signs every identity in, defines one test per row and, at the end, prints the matrix's size.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from './db';
import { defineRows, type CellResult } from './authz-matrix';
import { KNOWN_BUGS, MATRIX } from './authz-rows';
import { buildWorld, IDENTITIES, Sessions, type World } from './authz-world';

export function describeMatrix(title: string, headers: Record<string, string>): void {
  const db = testDb();
  let world: World | undefined;
  let sessions: Sessions | undefined;
  const results: CellResult[] = [];

  describe(title, () => {
    beforeAll(async () => {
      await resetDb();
      world = await buildWorld(db);
      sessions = new Sessions(db, world);
      await sessions.refresh();
    });

    defineRows(MATRIX, { db, world: () => world!, sessions: () => sessions!, headers, knownBugs: KNOWN_BUGS }, results);

    it('documents every known bug it still runs into', () => {
      for (const bug of KNOWN_BUGS) {
        const row = MATRIX.find((r) => r.key === bug.key && r.variant === bug.variant);
        expect(row?.records[bug.record], `KNOWN_BUGS names no cell of the matrix: ${JSON.stringify(bug)}`).toBeDefined();
      }
    });

    afterAll(() => {
      const entryPoints = new Set(MATRIX.map((r) => r.key)).size;
      const cells = results.length;
      const failing = results.filter((r) => r.problem).length;
      const allowed = results.filter((r) => !r.problem && r.verdict?.allowed).length;
      const refused = results.filter((r) => !r.problem && r.verdict && !r.verdict.allowed).length;
      const records = MATRIX.reduce((n, r) => n + Object.keys(r.records).length, 0);
      console.log(
        `[authz] ${title}: ${entryPoints} entry points in ${MATRIX.length} rows (sub-commands have their own); ` +
          `${records} row × record cells × ${IDENTITIES.length} identities = ${cells} calls: ${allowed} allowed, ` +
          `${refused} refused, ${failing} wrong; ${KNOWN_BUGS.length} cells are known bugs`,
      );
      // AUTHZ_DUMP=file writes every call's verdict, for reading the matrix as a table.
      if (process.env.AUTHZ_DUMP) writeFileSync(process.env.AUTHZ_DUMP, results.map((r) => `${r.row}\t${r.record}\t${r.who}\t${r.verdict?.allowed ? 'ALLOWED' : 'denied'}\t${r.verdict?.detail ?? ''}\t${r.problem ?? ''}\t${r.ms ?? ''}`).join('\n'));
      if (failing) console.log(results.filter((r) => r.problem).map((r) => `  ${r.row} · ${r.record} × ${r.who}: ${r.problem}`).join('\n'));
    });
  });
}

