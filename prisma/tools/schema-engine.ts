// Prisma's schema engine as WebAssembly, driven through the pg driver adapter. The CLI's native
// engine is downloaded from Prisma's servers on first use, which these machines cannot reach;
// the WASM build ships on npm and applies and diffs migrations just the same (the
// _prisma_migrations table it writes is the one `prisma migrate deploy` reads).
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

export const PRISMA_DIR = path.resolve(import.meta.dirname, '..');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
const LOCK_FILE = 'migration_lock.toml';

/** No externally managed tables: the engine owns the whole public schema. */
export const noExternalObjects = { externalTables: [], externalEnums: [] };

type EngineModule = typeof import('@prisma/schema-engine-wasm');
export type SchemaEngine = Awaited<ReturnType<EngineModule['SchemaEngine']['new']>>;

let enginePromise: Promise<EngineModule> | undefined;

/** The WASM build reports Rust panics through this global; keep the message for the error. */
const panicRegistry = { message: '', set_message(message: string) { this.message = message; console.error(`Schema engine panic: ${message}`); } };
(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

/** Instantiates the WASM module by hand: importing a .wasm file as ESM needs experimental flags. */
function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const runtime = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const instance = new WebAssembly.Instance(new WebAssembly.Module(await readFile(wasmPath)), {
      './schema_engine_bg.js': runtime as unknown as WebAssembly.ModuleImports,
    });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return runtime;
  })();
  return enginePromise;
}

let charTypePatched = false;
const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * The engine's catalogue queries return Postgres' internal one-byte "char" type (oid 18), which
 * adapter-pg 7.10 refuses as unsupported, while the engine reads those columns as characters.
 * Let adapter-pg see text, then tell the engine the column is a character column.
 */
function reportCharColumnsAsCharacter(adapter: object): void {
  if (charTypePatched) return;
  let proto: Record<string, unknown> | null = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto);
  if (!proto) throw new Error('adapter-pg changed shape: performIO not found');
  type Io = { fields: { dataTypeID: number }[] };
  type Self = { charColumns?: number[] };
  const performIO = proto.performIO as (...args: unknown[]) => Promise<Io>;
  const queryRaw = proto.queryRaw as (...args: unknown[]) => Promise<{ columnTypes: number[] }>;
  proto.performIO = async function (this: Self, ...args: unknown[]) {
    const result = await performIO.apply(this, args);
    this.charColumns = [];
    (result.fields ?? []).forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        this.charColumns!.push(index);
      }
    });
    return result;
  };
  // The engine queries one connection at a time, so the columns noted by performIO belong to this call.
  proto.queryRaw = async function (this: Self, ...args: unknown[]) {
    const result = await queryRaw.apply(this, args);
    for (const index of this.charColumns ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  charTypePatched = true;
}

let scriptPatched = false;

/**
 * adapter-pg runs a migration script by splitting it on ";", which cuts PL/pgSQL function bodies
 * apart. Postgres' simple query protocol takes a whole multi-statement script, so send it whole.
 */
function sendScriptsWhole(adapter: object): void {
  if (scriptPatched) return;
  let proto: Record<string, unknown> | null = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, 'executeScript')) proto = Object.getPrototypeOf(proto);
  if (!proto) throw new Error('adapter-pg changed shape: executeScript not found');
  type Self = { client: { query(sql: string): Promise<unknown> }; onError(error: unknown): never };
  proto.executeScript = async function (this: Self, script: string) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  scriptPatched = true;
}

/** Runs `work` with a schema engine connected to `connectionString`, then frees it. */
export async function withSchemaEngine<T>(connectionString: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const runtime = await loadEngineModule();
  const pgFactory = new PrismaPg({ connectionString, max: 1 });
  // The engine never closes what it connects, and an open connection keeps holding the
  // migration advisory lock (and PGlite's only session): track the connections and close them.
  const opened: { dispose(): Promise<void> }[] = [];
  const tracked = Object.create(pgFactory) as PrismaPg;
  tracked.connect = async () => {
    const adapter = await pgFactory.connect();
    reportCharColumnsAsCharacter(adapter);
    sendScriptsWhole(adapter);
    opened.push(adapter);
    return adapter;
  };
  const engine = await runtime.SchemaEngine.new({ datamodels: undefined } as never, () => {}, bindMigrationAwareSqlAdapterFactory(tracked));
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
  }
}

export async function readSchemaFiles() {
  return [{ path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, 'utf8') }];
}

/** The committed migrations in the shape the engine expects. */
export async function readMigrations() {
  const names = existsSync(MIGRATIONS_DIR)
    ? (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  const lockPath = path.join(MIGRATIONS_DIR, LOCK_FILE);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCK_FILE, content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** Applies every committed migration not yet applied; returns the names applied now. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withSchemaEngine(connectionString, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: noExternalObjects } as never);
    return (result as { appliedMigrationNames: string[] }).appliedMigrationNames;
  });
}
