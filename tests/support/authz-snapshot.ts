// "A denied write changed nothing": a fingerprint of every table of the database (an md5 of its
// rows in a fixed order), taken before and after a call. Left out, because a refusal may write
// them: the append-only audit trail (denied attempts are logged), sign-in attempts, and a
// session's lastSeenAt (touched by every request that names the session).
import type { PrismaClient } from '../../lib/prisma-client';

const SKIPPED_TABLES = new Set(['_prisma_migrations', 'audit_log', 'sign_in_attempts']);
const SKIPPED_COLUMNS: Record<string, string[]> = { user_sessions: ['last_seen_at'] };

export type Fingerprint = Map<string, string>;

export class DatabaseFingerprint {
  private sql?: string;

  constructor(private readonly db: PrismaClient) {}

  private async statement(): Promise<string> {
    if (this.sql) return this.sql;
    const columns = await this.db.$queryRaw<{ table: string; column: string }[]>`
      SELECT c.table_name AS "table", c.column_name AS "column"
        FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       ORDER BY c.table_name, c.ordinal_position`;
    const byTable = new Map<string, string[]>();
    for (const { table, column } of columns) {
      if (SKIPPED_TABLES.has(table) || SKIPPED_COLUMNS[table]?.includes(column)) continue;
      byTable.set(table, [...(byTable.get(table) ?? []), `"${column}"`]);
    }
    this.sql = [...byTable]
      .map(([table, cols]) => `SELECT '${table}' AS t, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS h FROM (SELECT ${cols.join(', ')} FROM "${table}") r`)
      .join('\nUNION ALL\n');
    return this.sql;
  }

  async take(): Promise<Fingerprint> {
    const rows = await this.db.$queryRawUnsafe<{ t: string; h: string }[]>(await this.statement());
    return new Map(rows.map((r) => [r.t, r.h]));
  }

  /** Tables whose rows differ between two fingerprints. */
  static changed(before: Fingerprint, after: Fingerprint): string[] {
    return [...after].filter(([t, h]) => before.get(t) !== h).map(([t]) => t);
  }
}
