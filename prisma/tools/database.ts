// Where the command-line tools find their database: DATABASE_URL when set, otherwise the
// embedded PGlite database, started for the duration of the command.
import { startEmbeddedDatabase } from '../embedded/server';

export async function withDatabase<T>(work: (url: string, label: string) => Promise<T>): Promise<T> {
  const configured = process.env.DATABASE_URL;
  if (configured) return work(configured, 'DATABASE_URL');
  const embedded = await startEmbeddedDatabase();
  try {
    return await work(embedded.url, 'встроенная PGlite');
  } finally {
    await embedded.stop();
  }
}
