// Next's start-up hook: runs once per server process before it serves requests. It starts the
// background job runner (lib/jobs/index.ts explains which one and why) in the Node.js runtime.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself and inlined at build time; it is not configuration, so it
  // is read here rather than through lib/env.ts (which the Edge runtime could not load).
  // eslint-disable-next-line no-restricted-syntax
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('./lib/env');
  if (getEnv().JOBS_ENABLED !== '1') return;
  const { startJobRunner } = await import('./lib/jobs');
  // Not awaited: the site must not wait for the queue's schema check to open.
  startJobRunner().catch((error: unknown) => console.error('[задания] не удалось запустить:', error));
}
