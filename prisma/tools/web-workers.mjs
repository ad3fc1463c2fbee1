// Runs `next start` in several worker processes sharing one port (node:cluster), as Next
// applications are run in production: one Node process uses one core, and a school's quarter end
// or a municipality's evening of parents needs them all. Started by prisma/start.ts with
//   node prisma/tools/web-workers.mjs <workers> <port>
// Only the first worker runs the background jobs (JOBS_ENABLED), so schedules are not doubled.
// A worker that dies is replaced; SIGTERM/SIGINT stop them all.
import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import path from 'node:path';

const [workers, port] = process.argv.slice(2).map(Number);
const nextBin = path.join(import.meta.dirname, '..', '..', 'node_modules', 'next', 'dist', 'bin', 'next');

if (cluster.isPrimary) {
  let stopping = false;
  // A worker that dies within seconds of starting (a taken port, a broken build) would die again:
  // after three such deaths in a row everything stops, so `npm start` ends with the error shown.
  const QUICK_EXIT_MS = 10_000;
  let quickExits = 0;
  const fork = (index) => {
    const jobs = index === 0 ? (process.env.JOBS_ENABLED ?? '1') : '0';
    const started = Date.now();
    cluster.fork({ WORKER_INDEX: String(index), JOBS_ENABLED: jobs }).on('exit', (code, signal) => {
      if (stopping) return;
      quickExits = Date.now() - started < QUICK_EXIT_MS ? quickExits + 1 : 0;
      if (quickExits >= 3) {
        console.error('Рабочие процессы завершаются сразу после запуска; останавливаю сервер.');
        stop('SIGTERM');
        process.exitCode = 1;
        return;
      }
      console.error(`Рабочий процесс ${index + 1} завершился (${signal ?? code}); запускаю заново.`);
      fork(index);
    });
  };
  for (let i = 0; i < workers; i++) fork(i);
  function stop(signal) {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  }
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  cluster.on('exit', () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
  });
} else {
  // `next start -p <port>` inside this worker: the cluster shares the listening socket.
  process.argv = [process.argv[0], nextBin, 'start', '-p', String(port)];
  createRequire(import.meta.url)(nextBin);
}
