// Ids beyond PostgreSQL's integer (2147483647) typed into an address or sent in a form: pages say
// «не найдено», actions answer a Russian error on the field, route handlers a 404 or 400 — never
// a server error from the database's "out of range", and nothing is written.
import { randomUUID } from 'node:crypto';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, createUser, type SchoolFixture } from '../support/fixtures';
import { signInForRequest } from '../support/request-session';
import LessonPage from '@/app/(journal)/journal/lessons/[lessonId]/page';
import CoursePage from '@/app/(journal)/journal/courses/[courseId]/page';
import FinalMarksPage from '@/app/(journal)/journal/courses/[courseId]/final/page';
import ClassPage from '@/app/(journal)/class/[classId]/page';
import SummaryPage from '@/app/(journal)/class/[classId]/summary/page';
import PrintPage from '@/app/(journal)/class/[classId]/print/page';
import DiaryChecksPage from '@/app/(journal)/class/[classId]/diary-checks/page';
import AcknowledgementsPage from '@/app/(journal)/class/[classId]/acknowledgements/page';
import DiaryWeekPage from '@/app/(diary)/diary/[studentId]/page';
import UserPage from '@/app/(admin)/admin/users/[userId]/page';
import StudentConsentPage from '@/app/(admin)/admin/consents/[studentId]/page';
import OutboxMessagePage from '@/app/(admin)/admin/outbox/[id]/page';
import { GET as journalAttachment } from '@/app/(journal)/journal/lessons/[lessonId]/attachments/[attachmentId]/route';
import { POST as uploadAttachment } from '@/app/(journal)/journal/lessons/[lessonId]/attachments/route';
import { GET as diaryFile } from '@/app/(diary)/diary/[studentId]/files/[attachmentId]/route';
import { GET as extractPdf } from '@/app/api/pdf/extract/route';
import { lessonCommandAction, openLessonAction, saveHomeworkAction, updateLessonAction } from '@/app/(journal)/journal/lessons/actions';
import { publishFinalMarksAction, setFinalMarkAction } from '@/app/(journal)/journal/courses/[courseId]/final/actions';
import { periodStatusAction } from '@/app/(journal)/journal/periods/actions';
import { cellHistoryAction, saveCellAction } from '@/app/(journal)/journal/courses/[courseId]/actions';
import { acknowledgeAction } from '@/app/(diary)/diary/[studentId]/results/actions';
import { replyAction } from '@/app/(journal)/class/[classId]/acknowledgements/actions';
import { addNoteAction } from '@/app/(office)/office/notes/actions';

const db = testDb();
let fx: SchoolFixture;
const BIG = '3000000000';
const NOT_FOUND = { digest: expect.stringContaining('NEXT_HTTP_ERROR_FALLBACK;404') };

const formOf = (fields: Record<string, string | string[]>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  return form;
};
const params = <T,>(value: T) => Promise.resolve(value);
const noQuery = params({});

/** Whatever the database holds that these writes could touch. */
const writes = async () => ({
  lessons: await db.lesson.findMany({ orderBy: { id: 'asc' } }),
  homework: await db.homework.count(),
  marks: await db.mark.count(),
  finals: await db.finalMark.count(),
  periods: await db.studyPeriod.findMany({ select: { status: true } }),
  audit: await db.auditLog.count(),
});

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
});

describe('a page addressed with an id beyond the database integer', () => {
  it('says «не найдено» for the journal\'s and the class teacher\'s pages; a period that big shows the default period', async () => {
    await signInForRequest(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    await expect(LessonPage({ params: params({ lessonId: BIG }) })).rejects.toMatchObject(NOT_FOUND);
    await expect(CoursePage({ params: params({ courseId: BIG }), searchParams: noQuery })).rejects.toMatchObject(NOT_FOUND);
    await expect(FinalMarksPage({ params: params({ courseId: BIG }), searchParams: noQuery })).rejects.toMatchObject(NOT_FOUND);
    await expect(ClassPage({ params: params({ classId: BIG }), searchParams: noQuery })).rejects.toMatchObject(NOT_FOUND);
    await expect(SummaryPage({ params: params({ classId: BIG }), searchParams: noQuery })).rejects.toMatchObject(NOT_FOUND);
    await expect(PrintPage({ params: params({ classId: BIG }) })).rejects.toMatchObject(NOT_FOUND);
    await expect(DiaryChecksPage({ params: params({ classId: BIG }), searchParams: noQuery })).rejects.toMatchObject(NOT_FOUND);
    await expect(AcknowledgementsPage({ params: params({ classId: BIG }), searchParams: noQuery })).rejects.toMatchObject(NOT_FOUND);
    const grid = renderToStaticMarkup((await CoursePage({ params: params({ courseId: String(fx.courseId) }), searchParams: params({ period: BIG }) })) as React.ReactElement);
    expect(grid).toContain('1 четверть');
  });

  it('says «не найдено» for the family\'s diary and the administrator\'s pages', async () => {
    await signInForRequest(db, fx.parentId);
    await expect(DiaryWeekPage({ params: params({ studentId: BIG }), searchParams: noQuery })).rejects.toMatchObject(NOT_FOUND);
    await signInForRequest(db, fx.adminId);
    await expect(UserPage({ params: params({ userId: BIG }) })).rejects.toMatchObject(NOT_FOUND);
    await expect(StudentConsentPage({ params: params({ studentId: BIG }) })).rejects.toMatchObject(NOT_FOUND);
    await expect(OutboxMessagePage({ params: params({ id: BIG }) })).rejects.toMatchObject(NOT_FOUND);
  });
});

describe('a route handler given an id beyond the database integer', () => {
  it('answers «не найден» or «неверный» in Russian', async () => {
    await signInForRequest(db, fx.teacherId);
    const file = await journalAttachment(new Request('http://school.local/'), { params: params({ lessonId: String(fx.lessonId), attachmentId: BIG }) });
    expect([file.status, await file.text()]).toEqual([404, 'Файл не найден']);
    const upload = await uploadAttachment(new Request('http://school.local/', { method: 'POST', body: formOf({ homeworkId: BIG, file: new File(['x'], 'a.txt') as unknown as string }) }));
    expect([upload.status, await upload.json()]).toEqual([404, { ok: false, error: 'Задание не найдено' }]);

    await signInForRequest(db, fx.parentId);
    const diary = await diaryFile(new Request('http://school.local/'), { params: params({ studentId: String(fx.studentIds[0]), attachmentId: BIG }) });
    expect([diary.status, await diary.text()]).toEqual([404, 'Файл не найден']);
    const pdf = await extractPdf(new Request(`http://school.local/api/pdf/extract?studentId=${BIG}`));
    expect(pdf.status).toBe(400);
    expect(await pdf.text()).toContain('Неверный номер ученика');
  });
});

describe('a form or cell sent with an id beyond the database integer', () => {
  it('is refused in Russian on its field by the journal\'s actions, and nothing changes', async () => {
    await signInForRequest(db, fx.teacherId);
    const before = await writes();
    const lesson = { lessonId: String(fx.lessonId), lessonKind: 'LESSON', expectedVersion: '1' };

    expect(await openLessonAction({}, formOf({ courseId: '99999999999', date: '2026-09-30', slot: '3' }))).toEqual({ errors: { courseId: 'Журнал не найден или недоступен' } });
    expect((await updateLessonAction({}, formOf({ ...lesson, lessonId: BIG }))).errors).toEqual({ lessonId: 'Урок не найден' });
    expect((await updateLessonAction({}, formOf({ ...lesson, substituteTeacherId: BIG }))).errors).toEqual({ substituteTeacherId: 'Замещающий учитель не найден' });
    expect((await updateLessonAction({}, formOf({ ...lesson, plannedTopicId: BIG }))).errors).toEqual({ plannedTopicId: 'Тема не из КТП этого курса' });
    expect((await saveHomeworkAction({}, formOf({ lessonId: BIG, text: '§5' }))).errors).toEqual({ lessonId: 'Урок не найден' });
    expect((await saveHomeworkAction({}, formOf({ lessonId: String(fx.lessonId), text: '§5', audience: 'pupils', studentIds: [BIG] }))).errors).toEqual({ studentIds: 'Ученик не найден' });
    expect(await lessonCommandAction({}, formOf({ lessonId: String(fx.lessonId), targetId: BIG, command: 'delete-homework' }))).toEqual({ errors: { form: 'Неверный запрос' } });

    const final = { courseId: String(fx.courseId), periodId: String(fx.studyPeriodId), studentId: String(fx.studentIds[0]), expectedVersion: '0', choice: '5' };
    expect(await setFinalMarkAction({}, formOf({ ...final, studentId: BIG }))).toMatchObject({ error: 'Ученик не учится в этом классе или группе на дату урока', field: 'studentId' });
    expect(await setFinalMarkAction({}, formOf({ ...final, periodId: BIG }))).toMatchObject({ error: 'Журнал не найден или недоступен' });
    expect(await publishFinalMarksAction({}, formOf({ courseId: BIG, periodId: String(fx.studyPeriodId) }))).toEqual({ error: 'Неверный запрос' });

    const cell = { idempotencyKey: randomUUID(), lessonId: fx.lessonId, studentId: fx.studentIds[0], value: '5', expectedVersion: 0 };
    expect(await saveCellAction({ ...cell, lessonId: Number(BIG) })).toEqual({ ok: false, error: 'Урок не найден', field: 'lessonId' });
    expect(await saveCellAction({ ...cell, studentId: Number(BIG) })).toMatchObject({ ok: false, field: 'studentId' });
    expect(await saveCellAction({ ...cell, workTypeId: Number(BIG) })).toEqual({ ok: false, error: 'Неизвестная форма контроля', field: 'workTypeId' });
    expect(await cellHistoryAction(Number(BIG), fx.studentIds[0])).toEqual({ error: 'Неверная ячейка' });

    // The class teacher's answer to a parent's message.
    expect(await replyAction({}, formOf({ classId: String(fx.classId), messageId: BIG, body: 'Ответ' })))
      .toEqual({ errors: { form: 'Сообщение не найдено' }, values: { body: 'Ответ' } });
    expect(await replyAction({}, formOf({ classId: BIG, messageId: '1', body: 'Ответ' })))
      .toEqual({ errors: { form: 'Класс не найден' }, values: { body: 'Ответ' } });

    await signInForRequest(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    expect(await periodStatusAction({}, formOf({ periodId: BIG, close: '1', reason: '' }))).toEqual({ error: 'Период не найден' });
    expect(await writes()).toEqual(before);
  });

  it('is refused in Russian by the family\'s and the office\'s actions', async () => {
    await signInForRequest(db, fx.parentId);
    expect(await acknowledgeAction({}, formOf({ studentId: String(fx.studentIds[0]), periodId: BIG, message: 'Спасибо' })))
      .toEqual({ errors: { form: 'Неверный запрос. Обновите страницу.' }, values: { message: 'Спасибо' } });
    await signInForRequest(db, await createUser(db, fx.schoolId, ['MEDICAL']));
    expect(await addNoteAction({}, formOf({ kind: 'MEDICAL', classId: BIG, lastName: 'Ученик1', firstName: 'Пётр', text: 'Осмотр' }))).toEqual({ errors: { classId: 'Выберите класс' } });
    expect(await db.studentNote.count()).toBe(0);
  });
});
