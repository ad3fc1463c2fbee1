// Setup file of the `integration` Vitest project: runs in the worker before each test file is
// imported, so DATABASE_URL already names the worker's own database when app code reads it.
import { afterAll } from 'vitest';
import { disconnectTestDb, prepareWorkerDatabase } from './db';

await prepareWorkerDatabase();

afterAll(async () => {
  await disconnectTestDb();
});
