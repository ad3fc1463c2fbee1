// A throwaway database server for tests: a real PostgreSQL started from the installed binaries
// in a temporary directory, or, where none are installed, the embedded PGlite (one database
// only). TEST_DATABASE_URL points the tests at an existing server instead; it is used as is.
//
// A server started here never outlives the process: stop() removes it, so do handlers for
// exit, SIGINT and SIGTERM, and a small watchdog process removes it even after a SIGKILL.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findPostgresBinDir } from './postgres-binaries';

export { findPostgresBinDir, serverSupportsManyDatabases } from './postgres-binaries';

const execFileAsync = promisify(execFile);

export type TestServerKind = 'postgres' | 'pglite' | 'external';

export type TestDatabaseServer = {
  /** Connection string of the server's `postgres` database (the admin database). */
  url: string;
  /** postgres: started here; pglite: the embedded fallback; external: TEST_DATABASE_URL. */
  kind: TestServerKind;
  /** False for PGlite: every database name in a URL reaches the same single database. */
  multipleDatabases: boolean;
  stop(): Promise<void>;
};

const FAST_TEST_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=200',
  'listen_addresses=127.0.0.1',
  'log_min_messages=warning',
];

/** The same server address with another database name. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export type StartOptions = {
  /**
   * Stop the server at once on SIGINT, SIGTERM and SIGHUP (default). A caller that shuts other
   * things down first (an app using the database) passes false and calls stop() itself; the
   * exit handler and the watchdog still remove the server if it does not.
   */
  stopOnSignals?: boolean;
};

/** Starts the test server (see the file comment for which one). */
export async function startTestDatabaseServer(options: StartOptions = {}): Promise<TestDatabaseServer> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { url: external, kind: 'external', multipleDatabases: true, stop: async () => {} };
  installExitHandlers(options.stopOnSignals ?? true);
  const binDir = findPostgresBinDir();
  return binDir ? startPostgres(binDir) : startPglite();
}

// ───────────────────────────── real PostgreSQL ─────────────────────────────

type LiveServer = { dir: string; dataDir: string; binDir: string; watchdog?: number };

const live = new Set<LiveServer>();
/** Synchronous clean-ups for exit and signal handlers, which cannot wait for promises. */
const exitCleanups = new Set<() => void>();
const runningAsRoot = process.getuid?.() === 0;

/** initdb and pg_ctl refuse to run as root: run them as the postgres OS user then. */
function asServerUser(binDir: string, tool: string, args: string[]): [string, string[]] {
  const command = path.join(binDir, tool);
  return runningAsRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function postgresUserIds(): { uid: number; gid: number } {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (result.status !== 0 || gid.status !== 0) {
    throw new Error('Running as root, but there is no "postgres" OS user to run PostgreSQL as.');
  }
  return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startPostgres(binDir: string): Promise<TestDatabaseServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'journal-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  const logFile = path.join(dir, 'server.log');
  mkdirSync(socketDir);
  const server: LiveServer = { dir, dataDir, binDir };
  live.add(server);
  try {
    if (runningAsRoot) {
      const { uid, gid } = postgresUserIds();
      chownSync(dir, uid, gid);
      chownSync(socketDir, uid, gid);
    }
    await execFileAsync(
      ...asServerUser(binDir, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']),
    );
    server.watchdog = startWatchdog(server);
    // The port is free when chosen but another process may take it first: try a few.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freeLoopbackPort();
      const options = [`-p ${port}`, `-k ${socketDir}`, ...FAST_TEST_SETTINGS.map((s) => `-c ${s}`)].join(' ');
      try {
        await execFileAsync(...asServerUser(binDir, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']));
        const url = `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
        return { url, kind: 'postgres', multipleDatabases: true, stop: () => stopPostgres(server) };
      } catch (error) {
        lastError = error;
      }
    }
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
    throw new Error(`PostgreSQL did not start: ${String(lastError)}\n${log}`);
  } catch (error) {
    stopPostgresNow(server);
    throw error;
  }
}

/** Immediate shutdown is fine: the data is thrown away. */
async function stopPostgres(server: LiveServer): Promise<void> {
  if (!live.has(server)) return;
  live.delete(server);
  if (existsSync(path.join(server.dataDir, 'postmaster.pid'))) {
    await execFileAsync(...asServerUser(server.binDir, 'pg_ctl', ['-D', server.dataDir, '-m', 'immediate', '-w', 'stop'])).catch(() => {});
  }
  removeServerFiles(server);
}

/** The synchronous variant, for exit and signal handlers, which cannot wait for promises. */
function stopPostgresNow(server: LiveServer): void {
  if (!live.has(server)) return;
  live.delete(server);
  if (existsSync(path.join(server.dataDir, 'postmaster.pid'))) {
    const [command, args] = asServerUser(server.binDir, 'pg_ctl', ['-D', server.dataDir, '-m', 'immediate', '-w', 'stop']);
    spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 });
  }
  removeServerFiles(server);
}

function removeServerFiles(server: LiveServer): void {
  if (server.watchdog) {
    try {
      process.kill(server.watchdog, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(server.dir, { recursive: true, force: true });
}

/**
 * A detached shell that waits for this process to end and then removes the server: covers
 * SIGKILL and crashes, where no handler of ours runs. SIGQUIT is PostgreSQL's immediate shutdown.
 */
function startWatchdog(server: LiveServer): number | undefined {
  const script = [
    'while kill -0 "$1" 2>/dev/null; do sleep 1; done',
    'if [ -f "$2/postmaster.pid" ]; then',
    '  pid=$(head -n 1 "$2/postmaster.pid")',
    '  kill -QUIT "$pid" 2>/dev/null',
    '  n=0; while kill -0 "$pid" 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done',
    'fi',
    'rm -rf "$3"',
  ].join('\n');
  const child = spawn('sh', ['-c', script, 'journal-pg-watchdog', String(process.pid), server.dataDir, server.dir], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child.pid;
}

let exitHandlerInstalled = false;
let signalHandlersInstalled = false;

function stopAllNow(): void {
  for (const server of [...live]) stopPostgresNow(server);
  for (const cleanup of [...exitCleanups]) cleanup();
}

function installExitHandlers(onSignals: boolean): void {
  if (!exitHandlerInstalled) {
    exitHandlerInstalled = true;
    process.on('exit', stopAllNow);
  }
  if (!onSignals || signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      stopAllNow();
      process.removeListener(signal, onSignal);
      // Nobody else handles the signal: end the process the way the signal would have.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

// ───────────────────────────── PGlite fallback ─────────────────────────────

async function startPglite(): Promise<TestDatabaseServer> {
  const { startEmbeddedDatabase } = await import('../../prisma/embedded/server');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'journal-pglite-'));
  const removeDir = () => {
    exitCleanups.delete(removeDir);
    rmSync(dir, { recursive: true, force: true });
  };
  exitCleanups.add(removeDir);
  try {
    const embedded = await startEmbeddedDatabase({ dataDir: dir });
    return {
      url: embedded.url,
      kind: 'pglite',
      multipleDatabases: false,
      async stop() {
        await embedded.stop();
        removeDir();
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}
