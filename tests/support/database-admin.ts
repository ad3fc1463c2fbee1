// Creating and dropping whole databases on a test server, over a short-lived admin connection.
// Used by the integration global setup, the per-worker setup and tests that need a scratch database.
import pg from 'pg';

/** The migrated, otherwise empty database that every worker database is copied from. */
export const TEMPLATE_DATABASE = 'journal_template';
/** Worker databases are named `journal_test_<pool id>`. */
export const WORKER_DATABASE_PREFIX = 'journal_test_';

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs `work` with one connection to `url`, closed afterwards. */
export async function withConnection<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops the database if it exists, closing whatever connections it still has. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withConnection(adminUrl, async (client) => {
    await client.query(`ALTER DATABASE ${quoteIdentifier(name)} WITH IS_TEMPLATE false`).catch(() => {});
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
}

const OBJECT_IN_USE = '55006';

/**
 * (Re)creates database `name`, empty or as a copy of `template`. Copying fails while anyone is
 * connected to the template, so closing connections are waited for, briefly.
 */
export async function recreateDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  await dropDatabase(adminUrl, name);
  const sql = `CREATE DATABASE ${quoteIdentifier(name)}${template ? ` TEMPLATE ${quoteIdentifier(template)}` : ''}`;
  await withConnection(adminUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
}

/** Closes every connection to a database, e.g. the pool the migration engine leaves behind. */
export async function closeConnections(adminUrl: string, name: string): Promise<void> {
  await withConnection(adminUrl, (client) =>
    client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]),
  );
}

/** Names of the databases on the server that start with `prefix`. */
export async function listDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  const { rows } = await withConnection(adminUrl, (client) =>
    client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname', [prefix]),
  );
  return rows.map((row) => row.datname);
}
