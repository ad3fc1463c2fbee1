// The background tasks and how often they run. Every task is a catch-up: it does what is due by
// now and nothing twice (the outbox's dedupe keys, SKIP LOCKED claiming), so running it late,
// again, or in two processes at once is harmless. That is what makes both runners below safe.
import 'server-only';
import { DAY_MS } from '../domain/calendar';
import { releaseHeldLetters } from '../mail/outbox';
import { cancelWithdrawnHeldLetters } from '../mail/recheck';
import { configuredTransport } from '../mail/transport';
import { SEND_POLICY, sendDueNotifications } from '../mail/sender';
import { enqueueExamResultNotices } from './exam-notices';
import { enqueueFinalMarkNotices } from './final-marks-notices';
import { removeExpiredRows } from './housekeeping';
import { enqueueMonthlyForecasts } from './monthly-forecast';
import { enqueueWeeklyDigests } from './weekly-digest';

export type Task = {
  /** pg-boss cron (UTC); the due times themselves follow each school's timezone (due.ts). */
  cron: string;
  /** The same cadence for the in-process timer. */
  everyMs: number;
  run(): Promise<unknown>;
};

/** Without SMTP settings letters are kept as HELD instead of being queued for sending. */
const hold = () => configuredTransport() === null;

/**
 * SMTP settings come from the environment, fixed for the process: once a process with a transport
 * has queued the letters kept before, no new ones can be kept, so it does not ask again.
 */
let heldReleased = false;

export const TASKS: Record<string, Task> = {
  'outbox-send': {
    cron: '* * * * *',
    everyMs: 60_000,
    run: async () => {
      const transport = configuredTransport();
      if (!transport) return null;
      if (!heldReleased) {
        await releaseHeldLetters();
        heldReleased = true;
      }
      // Keep sending while full batches come back, so a school's Saturday digests do not wait
      // a minute per fifty letters; stop before the next run is due, and at once when the server
      // refused us (a batch was deferred): the next batch would only be refused the same way.
      const until = Date.now() + 45_000;
      for (;;) {
        const report = await sendDueNotifications(transport);
        if (report.deferred > 0 || report.sent + report.retried + report.failed + report.cancelled < SEND_POLICY.batchSize || Date.now() > until) return report;
      }
    },
  },
  'final-mark-notices': { cron: '*/10 * * * *', everyMs: 10 * 60_000, run: () => enqueueFinalMarkNotices({ hold: hold() }) },
  'exam-result-notices': { cron: '3-59/10 * * * *', everyMs: 10 * 60_000, run: () => enqueueExamResultNotices({ hold: hold() }) },
  'weekly-digest': { cron: '7 * * * *', everyMs: 60 * 60_000, run: () => enqueueWeeklyDigests({ hold: hold() }) },
  'monthly-forecast': { cron: '37 * * * *', everyMs: 60 * 60_000, run: () => enqueueMonthlyForecasts({ hold: hold() }) },
  // Daily, and once at start: the deletes are small, so the hour matters little. Letters kept
  // without SMTP for a family that has withdrawn e-mail since are cancelled then too (recheck.ts).
  housekeeping: {
    cron: '23 3 * * *',
    everyMs: DAY_MS,
    run: async () => ({ ...(await removeExpiredRows()), heldCancelled: await cancelWithdrawnHeldLetters() }),
  },
};
