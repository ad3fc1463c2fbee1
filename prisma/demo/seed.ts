// Seeds demo schools into an empty, migrated database. The demo password is hashed once here and
// the same Argon2id hash is stored for every generated account in every school.
import { createPrismaClient, type PrismaClient } from '../../lib/prisma-client';
import { hashPassword } from '../../lib/auth/password';
import { DEMO_PASSWORD } from './accounts';
import { moscowToday } from './calendar';
import { DEFAULT_SEED, generateSchool, type RowCounts } from './generate';

export type SeedOptions = {
  /** How many schools (default 1). */
  schools?: number;
  /** 'YYYY-MM-DD'; default: today in Europe/Moscow. */
  today?: string;
  /**
   * Connections in the pool. Default: 1 against the embedded PGlite (it serves one session; detected
   * from version()), 4 against PostgreSQL.
   */
  poolMax?: number;
  /** Schools generated at the same time (default: 2 when poolMax > 1, else 1). */
  concurrency?: number;
  /** Chunks written at once per school (default: what the pool leaves, at most 2). */
  parallelWrites?: number;
  seed?: string | number;
  onProgress?: (step: string, done: number, total: number) => void;
};

export type SeedResult = { today: string; perSchool: RowCounts[]; generated: RowCounts; counts: MainCounts; elapsedMs: number };

export class DatabaseNotEmptyError extends Error {
  constructor(schools: number) {
    super(`База данных не пуста: в ней уже есть школы (${schools}). Демо-данные загружаются только в пустую базу.`);
    this.name = 'DatabaseNotEmptyError';
  }
}

/**
 * Waits until the database accepts a connection. The embedded PGlite serves one connection at a
 * time and refuses others ("Too many connections", seen by pg as "Connection terminated
 * unexpectedly"), so a pool still open elsewhere in the process — e.g. right after the migration
 * runner — blocks us until it closes its idle connection (about 10 s).
 */
export async function waitForDatabase(prisma: PrismaClient, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await prisma.$queryRawUnsafe('SELECT 1');
      return;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (Date.now() > deadline || !/terminated unexpectedly|closed the connection|Too many connections|ECONNRESET/i.test(text)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** True when the database has no schools yet. */
export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.school.count()) === 0;
}

/** The same check by connection string, with a short-lived client of one connection. */
export async function isDatabaseEmptyAt(connectionString: string): Promise<boolean> {
  const prisma = createPrismaClient(connectionString, 1);
  try {
    await waitForDatabase(prisma);
    return await isDatabaseEmpty(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

/** Whether the server is the embedded PGlite, which takes one connection at a time. */
export async function isPglite(connectionString: string): Promise<boolean> {
  const prisma = createPrismaClient(connectionString, 1);
  try {
    await waitForDatabase(prisma);
    const [row] = await prisma.$queryRawUnsafe<{ version: string }[]>('SELECT version() AS version');
    return /PGlite/i.test(row?.version ?? '');
  } finally {
    await prisma.$disconnect();
  }
}

export type MainCounts = {
  schools: number;
  users: number;
  classes: number;
  pupils: number;
  parents: number;
  teachers: number;
  courses: number;
  lessons: number;
  marks: number;
  attendance: number;
  homework: number;
  finalMarks: number;
  timetableEntries: number;
  timetableChanges: number;
};

/** Row counts of the main tables (pupils, parents, teachers: users holding that role). */
export async function countRows(prisma: PrismaClient): Promise<MainCounts> {
  const [schools, users, classes, pupils, parents, teachers, courses, lessons, marks, attendance, homework, finalMarks, timetableEntries, timetableChanges] = await Promise.all([
    prisma.school.count(),
    prisma.user.count(),
    prisma.schoolClass.count(),
    prisma.userRole.count({ where: { role: 'STUDENT' } }),
    prisma.userRole.count({ where: { role: 'PARENT' } }),
    prisma.userRole.count({ where: { role: 'TEACHER' } }),
    prisma.course.count(),
    prisma.lesson.count(),
    prisma.mark.count(),
    prisma.attendance.count(),
    prisma.homework.count(),
    prisma.finalMark.count(),
    prisma.timetableEntry.count(),
    prisma.timetableChange.count(),
  ]);
  return { schools, users, classes, pupils, parents, teachers, courses, lessons, marks, attendance, homework, finalMarks, timetableEntries, timetableChanges };
}

export async function seedDemo(connectionString: string, options: SeedOptions = {}): Promise<SeedResult> {
  const started = Date.now();
  const schools = options.schools ?? 1;
  if (!Number.isInteger(schools) || schools < 1) throw new RangeError('Число школ должно быть целым и не меньше 1.');
  const today = options.today ?? moscowToday();
  const poolMax = options.poolMax ?? ((await isPglite(connectionString)) ? 1 : 4);
  const concurrency = Math.max(1, Math.min(options.concurrency ?? (poolMax > 1 ? 2 : 1), poolMax, schools));
  const parallelWrites = Math.max(1, options.parallelWrites ?? Math.min(2, Math.floor(poolMax / concurrency)));
  const prisma = createPrismaClient(connectionString, poolMax);
  try {
    await waitForDatabase(prisma);
    const existing = await prisma.school.count();
    if (existing > 0) throw new DatabaseNotEmptyError(existing);
    // One Argon2id hash (~60 ms) for every account of every school: all share the demo password.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const perSchool: RowCounts[] = new Array(schools);
    let next = 0;
    const worker = async () => {
      while (next < schools) {
        const schoolIndex = next++;
        // Schools get increasing ids in index order only when generated one at a time; with
        // concurrency the ids interleave, which nothing depends on.
        perSchool[schoolIndex] = await generateSchool(prisma, {
          schoolIndex,
          today,
          seed: options.seed ?? DEFAULT_SEED,
          passwordHash,
          parallelWrites,
          onProgress: (step, done, total) => options.onProgress?.(schools > 1 ? `Школа ${schoolIndex + 1}/${schools} · ${step}` : step, done, total),
        });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const generated: RowCounts = {};
    for (const c of perSchool) for (const [k, v] of Object.entries(c)) generated[k] = (generated[k] ?? 0) + v;
    const counts = await countRows(prisma);
    return { today, perSchool, generated, counts, elapsedMs: Date.now() - started };
  } finally {
    await prisma.$disconnect();
  }
}
