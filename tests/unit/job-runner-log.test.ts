// The in-process job runner logs a failed task without the error's message: a task builds letters
// with pupils' marks and parents' addresses, and a database or SMTP error may quote them.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../lib/jobs/tasks', () => ({
  TASKS: {
    'weekly-digest': {
      cron: '0 * * * *',
      everyMs: 3_600_000,
      run: () => Promise.reject(new Error('Invalid `prisma.notification.create()` invocation: { toAddress: "olga@mail.ru", text: "Иванов Пётр: 2 (к/р)" }')),
    },
  },
}));

import { startTicker } from '../../lib/jobs/ticker';

describe('the in-process runner', () => {
  it('logs which task failed and the error type, never the message', async () => {
    const lines: string[] = [];
    const stop = startTicker((line) => lines.push(line), 0);
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    await stop();
    expect(lines[0]).toContain('weekly-digest');
    expect(lines[0]).toContain('Error');
    for (const data of ['olga@mail.ru', 'Иванов', 'к/р']) expect(lines[0]).not.toContain(data);
  });
});
