// The committed migrations: they build the schema on an empty database, applying them twice
// changes nothing, and together they match schema.prisma (no migration is missing).
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, applyMigrations, noExternalObjects, readMigrations, withSchemaEngine } from '../../prisma/tools/schema-engine';
import { serverAdminUrl, serverHasManyDatabases, withScratchDatabase } from '../support/db';
import { closeConnections, withConnection } from '../support/database-admin';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const migrationFolders = () =>
  readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

/** A few tables every part of the app relies on, by their SQL names. */
const CORE_TABLES = ['schools', 'users', 'user_roles', 'courses', 'lessons', 'marks', 'attendance', 'final_marks', 'enrollments', 'audit_log'];

describe('migrations', () => {
  it.skipIf(!serverHasManyDatabases())('apply to an empty database, and a second time change nothing', async () => {
    const folders = migrationFolders();
    expect(folders.length).toBeGreaterThan(0);

    await withScratchDatabase('migrations', async (url, database) => {
      const applied = await applyMigrations(url);
      expect(applied.sort()).toEqual(folders);

      await withConnection(url, async (client) => {
        const tables = await client.query<{ name: string }>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        );
        const names = tables.rows.map((row) => row.name);
        expect(names).toEqual(expect.arrayContaining([...CORE_TABLES, '_prisma_migrations']));

        const history = await client.query<{ name: string; finished: boolean; rolledBack: boolean }>(
          `SELECT migration_name AS name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS "rolledBack"
             FROM _prisma_migrations ORDER BY migration_name`,
        );
        expect(history.rows).toEqual(folders.map((name) => ({ name, finished: true, rolledBack: false })));

        const triggers = await client.query<{ name: string }>('SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname');
        expect(triggers.rows.map((row) => row.name)).toEqual(
          expect.arrayContaining(['marks_value_on_scale', 'enrollments_no_overlap', 'audit_log_append_only', 'audit_log_no_truncate']),
        );
      });

      // As after a restart: a new process, no connection of the first run left. (The engine's
      // pool keeps its connection, holding the migration advisory lock, for the life of the
      // process; a second run in the same process waits 10 s for that lock.)
      await closeConnections(serverAdminUrl(), database);
      expect(await applyMigrations(url)).toEqual([]);
      await withConnection(url, async (client) => {
        const count = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations');
        expect(count.rows[0].n).toBe(folders.length);
      });
    });
  });

  it.skipIf(!serverHasManyDatabases())('tightening the school settings brings a school stored beyond the limits to them, audited, instead of failing', async () => {
    const LIMITS = '20261203140000_school_settings_limits';
    await withScratchDatabase('settings_limits', async (url, database) => {
      const all = await readMigrations();
      const earlier = { ...all, migrationDirectories: all.migrationDirectories.filter((d) => d.path < LIMITS) };
      await withSchemaEngine(url, (engine) => engine.applyMigrations({ migrationsList: earlier, filters: noExternalObjects } as never));
      await withConnection(url, (client) => client.query(
        `INSERT INTO schools (name, short_name, rounding_policy, updated_at, result_visibility_hours, mark_entry_days, homework_grace_minutes)
         VALUES ('Школа старых настроек', 'Старая', '{}', now(), 240, 30, 1440), ('Школа в пределах', 'В пределах', '{}', now(), 48, 5, 90)`,
      ));
      await closeConnections(serverAdminUrl(), database);
      expect(await applyMigrations(url)).toContain(LIMITS);
      await withConnection(url, async (client) => {
        const schools = await client.query('SELECT short_name, result_visibility_hours, mark_entry_days, homework_grace_minutes FROM schools ORDER BY id');
        expect(schools.rows).toEqual([
          { short_name: 'Старая', result_visibility_hours: 72, mark_entry_days: 7, homework_grace_minutes: 120 },
          { short_name: 'В пределах', result_visibility_hours: 48, mark_entry_days: 5, homework_grace_minutes: 90 },
        ]);
        const audit = await client.query('SELECT action, old_value, new_value FROM audit_log');
        expect(audit.rows).toEqual([{
          action: 'school.settings',
          old_value: { resultVisibilityHours: 240, markEntryDays: 30, homeworkGraceMinutes: 1440 },
          new_value: { resultVisibilityHours: 72, markEntryDays: 7, homeworkGraceMinutes: 120 },
        }]);
      });
    });
  });

  it('match schema.prisma: no new migration is needed', { timeout: 180_000 }, () => {
    const suffix = '_check_no_drift';
    const before = new Set(migrationFolders());
    const result = spawnSync('npx', ['tsx', 'prisma/tools/new-migration.ts', suffix.slice(1)], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 170_000,
    });
    // Should the check write a migration after all, take it away again: the test only looks.
    const created = migrationFolders().filter((name) => !before.has(name) && name.endsWith(suffix));
    for (const name of created) rmSync(path.join(MIGRATIONS_DIR, name), { recursive: true, force: true });

    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(created, `schema.prisma differs from the migrations:\n${output}`).toEqual([]);
    expect(output).toContain('новая миграция не нужна');
  });
});
