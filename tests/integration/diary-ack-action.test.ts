// The parent's acknowledgement as the browser sends it: a refused one gives back the message as
// typed (React empties the form after an action) and stores nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, type SchoolFixture } from '../support/fixtures';
import { signInForRequest } from '../support/request-session';
import { acknowledgeAction } from '@/app/(diary)/diary/[studentId]/results/actions';

const db = testDb();
let fx: SchoolFixture;

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  await signInForRequest(db, fx.parentId);
});

describe('acknowledgeAction', () => {
  it('refused, gives back the message as typed and stores nothing', async () => {
    const message = 'Здравствуйте! С отметками ознакомились. Просим подсказать, как исправить отметку по контрольной. '.repeat(10);
    const form = new FormData();
    form.set('studentId', String(fx.studentIds[0]));
    form.set('periodId', String(fx.studyPeriodId));
    form.set('message', message);
    const state = await acknowledgeAction({}, form);
    expect(state).toEqual({ errors: { form: 'Итоговые отметки за этот период ещё не опубликованы.' }, values: { message } });
    expect(await db.message.count()).toBe(0);
    expect(await db.finalMarkAck.count()).toBe(0);
  });
});
