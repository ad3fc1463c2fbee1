// Where the browser tests' database is. tests/support/e2e-server.ts starts it for the run and
// writes its address here, so a Playwright test can prepare or check rows directly:
//
//   const db = createPrismaClient(e2eDatabaseUrl(), 1);
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const E2E_DATABASE = 'journal_e2e';
export const E2E_DATABASE_FILE = path.resolve(import.meta.dirname, '..', '.output', 'e2e-database.json');

/** The connection string of the database the app under test uses. */
export function e2eDatabaseUrl(): string {
  try {
    return (JSON.parse(readFileSync(E2E_DATABASE_FILE, 'utf8')) as { url: string }).url;
  } catch {
    throw new Error(`No ${path.relative(process.cwd(), E2E_DATABASE_FILE)}: is the Playwright webServer (tests/support/e2e-server.ts) running?`);
  }
}
