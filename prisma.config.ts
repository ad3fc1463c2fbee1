// Prisma CLI configuration. Prisma 7 reads no .env by itself; the URL only matters for CLI
// commands that connect (the app and our migration runner build their own connections).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});
