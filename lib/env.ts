// The one place that reads process.env. Everything else imports `env` and gets typed,
// validated values (or a clear error at start-up instead of a surprise later).
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v : undefined));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL должен быть адресом postgresql://…' }),
  /** 1 against the embedded PGlite (one session); a normal pool against real PostgreSQL. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: optionalString,
  SMTP_URL: optionalString,
  MAIL_FROM: z.string().default('Электронный дневник <no-reply@school.local>'),
  /** Set to "0" to run the web server without the background job runner. */
  JOBS_ENABLED: z.enum(['0', '1']).default('1'),
  /** Reverse proxies in front of the app that append to X-Forwarded-For (lib/auth/client-address.ts). */
  TRUSTED_PROXIES: z.coerce.number().int().min(1).max(10).default(1),
});

export type Env = z.infer<typeof schema>;

function readEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Неверные переменные окружения:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

/** The key that signs session cookies. `npm start` always provides one; dev and tests may not. */
export function authSecret(): string {
  const secret = getEnv().NEXTAUTH_SECRET;
  if (secret) return secret;
  if (getEnv().NODE_ENV === 'production') throw new Error('NEXTAUTH_SECRET не задан');
  return 'development-only-secret-not-for-production';
}

/** Read lazily so that importing a module never fails at build time. */
export function getEnv(): Env {
  cached ??= readEnv();
  return cached;
}
