// Global setup of the `integration` Vitest project, run once in the main process: starts the
// throwaway database server, migrates a template database once and tells the workers where
// the server is (project.provide → inject). Every worker copies the template (vitest-worker-setup.ts).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../prisma/tools/schema-engine';
import { startTestDatabaseServer, withDatabaseName, type TestServerKind } from './postgres';
import {
  TEMPLATE_DATABASE,
  WORKER_DATABASE_PREFIX,
  closeConnections,
  dropDatabase,
  listDatabases,
  quoteIdentifier,
  recreateDatabase,
  withConnection,
} from './database-admin';

export type TestDatabaseContext = {
  /** The server's admin database; connect here to create or drop databases. */
  adminUrl: string;
  kind: TestServerKind;
  /** False with the PGlite fallback: all tests share the one database, file after file. */
  multipleDatabases: boolean;
};

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseContext;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const server = await startTestDatabaseServer();
  try {
    if (server.multipleDatabases) {
      await recreateDatabase(server.url, TEMPLATE_DATABASE);
      await applyMigrations(withDatabaseName(server.url, TEMPLATE_DATABASE));
      // The engine's pool may still hold a connection, and a template with users cannot be copied.
      await closeConnections(server.url, TEMPLATE_DATABASE);
      await withConnection(server.url, (client) => client.query(`ALTER DATABASE ${quoteIdentifier(TEMPLATE_DATABASE)} WITH IS_TEMPLATE true`));
    } else {
      await migrateInChildProcess(server.url);
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  console.log(`[integration] ${server.kind} test database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('testDatabase', { adminUrl: server.url, kind: server.kind, multipleDatabases: server.multipleDatabases });

  return async () => {
    if (server.kind === 'external') {
      // Someone else's server: leave it as we found it.
      for (const name of await listDatabases(server.url, WORKER_DATABASE_PREFIX)) await dropDatabase(server.url, name);
      await dropDatabase(server.url, TEMPLATE_DATABASE);
    }
    await server.stop();
  };
}

/**
 * The migration engine keeps its connection for the life of the process, and PGlite serves one
 * connection at a time: migrate from a child process (npm run db:migrate), whose connection ends with it.
 */
async function migrateInChildProcess(url: string): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  try {
    await promisify(execFile)('npx', ['tsx', 'prisma/tools/migrate.ts'], { cwd: root, env: { ...process.env, DATABASE_URL: url } });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`Migrating the test database failed:\n${stdout}${stderr}`, { cause: error });
  }
}
