// One family's letter at a time. The letter jobs (weekly digest, monthly forecast, final-mark
// notices) build and queue each letter on its own, so a pupil whose data makes a builder throw
// costs that family's letter only: the error is logged and counted, the school's other letters
// still go, and the next run tries that pupil again (nothing was queued under its dedupe key).
import 'server-only';
import { describeError } from '../error-description';
import { enqueue, type NotificationDraft } from '../mail/outbox';

export type EnqueueOptions = {
  now?: Date;
  hold: boolean;
  schoolId?: number;
  /**
   * For tests only: called before each letter is built. No data the builders cannot handle is
   * known, so the tests make one pupil's letter fail by throwing here, or let the sender take a
   * letter between the job's reading of the outbox and its writing.
   */
  testOnlyBeforeLetter?: (studentId: number) => void | Promise<void>;
};

/** `failed`: letters not written this run because building or queuing them threw. */
export type EnqueueReport = { enqueued: number; alreadyQueued: number; failed: number };

export const emptyReport = (): EnqueueReport => ({ enqueued: 0, alreadyQueued: 0, failed: 0 });

/**
 * Builds one letter (null: nothing to write) and queues it (by `queue`, which returns how many
 * letters it wrote: a results notice replaces the one waiting, result-notices.ts); a throw is
 * logged and counted.
 */
export async function queueLetter(
  job: string,
  school: { id: number },
  studentId: number,
  report: EnqueueReport,
  options: EnqueueOptions,
  build: () => Promise<NotificationDraft | null>,
  queue: (draft: NotificationDraft) => Promise<number> = (draft) => enqueue([draft], { hold: options.hold, now: options.now }),
): Promise<void> {
  try {
    await options.testOnlyBeforeLetter?.(studentId);
    const draft = await build();
    if (draft) report.enqueued += await queue(draft);
  } catch (error) {
    report.failed++;
    console.error(`[задания] ${job}: школа ${school.id}, ученик ${studentId}: письмо не записано, ${describeError(error)}`);
  }
}
