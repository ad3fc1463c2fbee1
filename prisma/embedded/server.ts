// The embedded PostgreSQL used when no DATABASE_URL is given: PGlite (Postgres compiled to
// WebAssembly) served over TCP so the ordinary pg driver, migrations and psql all work.
// Its files live in .data/pglite (git-ignored), so a restart keeps everything.
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export const EMBEDDED_DATA_DIR = path.resolve(import.meta.dirname, '..', '..', '.data', 'pglite');

export type EmbeddedDatabase = { url: string; stop(): Promise<void> };

/** A free TCP port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts PGlite on `dataDir` and serves it on a loopback port. PGlite is one session: the socket
 * server queues other connections behind the first, so clients must use a pool of one connection.
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir ?? EMBEDDED_DATA_DIR;
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const port = options.port ?? (await freePort());
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 1 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
