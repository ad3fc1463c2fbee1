// The in-process runner, used when pg-boss must not run: against the embedded PGlite, which is a
// single database session (DB_POOL_MAX=1) — a second pool of connections would wait behind the
// app's forever. Timers call the same catch-up tasks; one task at a time, never overlapping.
import 'server-only';
import { TASKS } from './tasks';
import type { Stop } from './boss';
import { describeError } from '../error-description';

export function startTicker(log: (line: string) => void, firstRunAfterMs = 20_000): Stop {
  const queue: string[] = [];
  let busy = false;
  const drain = async () => {
    if (busy) return;
    busy = true;
    try {
      for (let name = queue.shift(); name; name = queue.shift()) {
        try {
          await TASKS[name].run();
        } catch (error) {
          // Without the message: a task's error may quote the letters' data (lib/error-description.ts).
          log(`задание ${name} не выполнено: ${describeError(error)}`);
        }
      }
    } finally {
      busy = false;
    }
  };
  const due = (name: string) => {
    if (!queue.includes(name)) queue.push(name);
    void drain();
  };
  const timers = Object.entries(TASKS).map(([name, task]) => setInterval(() => due(name), task.everyMs));
  const first = setTimeout(() => Object.keys(TASKS).forEach(due), firstRunAfterMs);
  for (const t of [...timers, first]) t.unref();
  return async () => {
    timers.forEach(clearInterval);
    clearTimeout(first);
  };
}
