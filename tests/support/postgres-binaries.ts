// Where PostgreSQL's server binaries are, if anywhere. Kept free of other imports: the Vitest
// config reads it to decide whether integration files may run in parallel.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The directory holding initdb, pg_ctl and postgres, or undefined when PostgreSQL is not installed.
 * TEST_POSTGRES_BIN names the directory, or with `none` forces the PGlite fallback.
 */
export function findPostgresBinDir(): string | undefined {
  const hasTools = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((tool) => existsSync(path.join(dir, tool)));
  const chosen = process.env.TEST_POSTGRES_BIN;
  if (chosen === 'none') return undefined;
  if (chosen) {
    if (!hasTools(chosen)) throw new Error(`TEST_POSTGRES_BIN=${chosen} holds no initdb, pg_ctl and postgres.`);
    return chosen;
  }
  const candidates: string[] = [];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v));
    versions.sort((a, b) => Number(b) - Number(a)); // newest first
    candidates.push(...versions.map((v) => path.join(root, v, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  return candidates.find(hasTools);
}

/** Whether the tests will get a server that holds several databases (anything but the PGlite fallback). */
export function serverSupportsManyDatabases(): boolean {
  return Boolean(process.env.TEST_DATABASE_URL) || findPostgresBinDir() !== undefined;
}
