// `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or to the embedded
// database when none is set.
import { applyMigrations } from './schema-engine';
import { withDatabase } from './database';

await withDatabase(async (url, label) => {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `Применены миграции (${label}): ${applied.join(', ')}` : `База (${label}) уже в актуальном состоянии.`);
});
