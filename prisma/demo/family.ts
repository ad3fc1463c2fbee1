// The families' side: guardianship links, personal-data consents (152-ФЗ) with the delivery form
// chosen, parents opening the diary, messages with class teachers and acknowledgements of results.
import type { Prisma } from '../../lib/prisma-client';
import { addDays, isoWeekday } from '../../lib/domain/calendar';
import { dateValue, moscowInstant } from './calendar';
import type { SchoolContext } from './context';
import type { Family, Pupil } from './people';
import type { PeriodResults } from './results';
import { ACK_TEXTS, PARENT_QUESTIONS, TEACHER_REPLIES } from './texts';

export function guardianships(ctx: SchoolContext): Prisma.GuardianshipCreateManyInput[] {
  return ctx.families.flatMap((f) =>
    f.children.flatMap((c) => f.guardians.map((g) => ({ schoolId: ctx.schoolId, parentId: g.person.id, studentId: c.person.id, relation: g.relation }))),
  );
}

export function consents(ctx: SchoolContext): Prisma.ConsentCreateManyInput[] {
  const rng = ctx.rng.fork('consents');
  const rows: Prisma.ConsentCreateManyInput[] = [];
  const version = `${ctx.cal.startYear}.1`;
  const recordedById = ctx.staff.secretary.id;
  for (const f of ctx.families) {
    const g = f.guardians[0];
    const changedMind = f.decision === 'ONLINE' && rng.chance(0.03);
    for (const c of f.children) {
      const start = c.enrollments[0].start;
      const at = (iso: string) => moscowInstant(iso < ctx.cal.today ? iso : ctx.cal.today, 9 * 60 + rng.int(0, 420));
      const base = { schoolId: ctx.schoolId, studentId: c.person.id, guardianId: g.person.id, documentVersion: version, contactPhone: g.person.phone, recordedById };
      if (changedMind) {
        rows.push({ ...base, decision: 'REFUSED', deliveryPreference: 'PAPER', note: 'Родитель отказался от электронной обработки данных', recordedAt: at(start) });
        rows.push({ ...base, decision: 'GRANTED', deliveryPreference: 'ONLINE', note: 'Новое согласие взамен отказа', recordedAt: at(addDays(start, rng.int(14, 40))) });
      } else if (f.decision === 'REFUSED') {
        rows.push({ ...base, decision: 'REFUSED', deliveryPreference: 'PAPER', note: 'Еженедельная бумажная выписка через классного руководителя', recordedAt: at(addDays(start, rng.int(0, 4))) });
      } else {
        rows.push({
          ...base,
          decision: 'GRANTED',
          deliveryPreference: f.decision,
          contactEmail: f.decision === 'EMAIL' ? g.person.email : null,
          recordedAt: at(addDays(start, rng.int(0, 4))),
        });
      }
    }
  }
  return rows;
}

/** Diary visits: most parents open it two or more days a week, about a fifth less often. */
export function diaryVisits(ctx: SchoolContext): Prisma.DiaryVisitCreateManyInput[] {
  const rng = ctx.rng.fork('visits');
  const rows: Prisma.DiaryVisitCreateManyInput[] = [];
  const last = ctx.cal.lastJournalDay < ctx.cal.today ? addDays(ctx.cal.lastJournalDay, 7) : ctx.cal.today;
  for (const f of ctx.families) {
    if (f.decision === 'REFUSED') continue;
    for (const g of f.guardians) {
      const keen = f.visits === 'often' ? rng.next() : 0;
      for (let monday = addDays(ctx.cal.yearStart, 1 - isoWeekday(ctx.cal.yearStart)); monday <= last; monday = addDays(monday, 7)) {
        const n = f.visits === 'often' ? 2 + Math.floor(keen * 3.5) + (rng.chance(0.2) ? 1 : 0) - (rng.chance(0.08) ? 1 : 0) : rng.chance(0.55) ? 1 : 0;
        const days = rng.sample([0, 1, 2, 3, 4, 5, 6], Math.min(7, n)).map((i) => addDays(monday, i));
        for (const day of days) {
          if (day > last || day < ctx.cal.yearStart) continue;
          const kids = f.children.filter((c) => enrolledOn(c, day));
          kids.forEach((c, i) => {
            if (i === 0 || rng.chance(0.8)) rows.push({ schoolId: ctx.schoolId, userId: g.person.id, studentId: c.person.id, date: dateValue(day) });
          });
        }
      }
    }
  }
  return rows;
}

function enrolledOn(p: Pupil, day: string): boolean {
  return p.enrollments.some((e) => e.start <= day && (e.end === null || day <= e.end));
}

/** `replyTo`: the index in the plans of the question a class teacher's reply answers (messages.reply_to_id). */
export type MessagePlan = Prisma.MessageCreateManyInput & { ack?: { studentId: number; periodId: number; parentId: number }; replyTo?: number };

/** Questions to class teachers with their replies, and parents' acknowledgements of term results. */
export function messages(ctx: SchoolContext, results: PeriodResults): MessagePlan[] {
  const rng = ctx.rng.fork('messages');
  const out: MessagePlan[] = [];
  const online = ctx.families.filter((f) => f.decision !== 'REFUSED' && f.guardians.some((g) => g.person.active));
  const classTeacherOf = (p: Pupil) => ctx.classes[p.enrollments[p.enrollments.length - 1].classIdx].classTeacher!.person.id;
  const from = addDays(ctx.cal.today, -56) > ctx.cal.yearStart ? addDays(ctx.cal.today, -56) : ctx.cal.yearStart;
  const span = Math.max(0, daysBetween(from, ctx.cal.today) - 1);
  const threads = Math.min(30, Math.max(0, Math.floor(span / 2)));
  const demoFamily = ctx.schoolIndex === 0 ? ctx.families[0] : undefined;
  for (let i = 0; i < threads; i++) {
    const f: Family = i === 0 && demoFamily ? demoFamily : rng.pick(online);
    const parent = f.guardians[0].person;
    const child = f.children[0];
    const teacher = classTeacherOf(child);
    const day = addDays(from, rng.int(0, span));
    const q = rng.int(0, PARENT_QUESTIONS.length - 1);
    const asked = moscowInstant(day, 18 * 60 + rng.int(0, 200));
    const answered = rng.chance(0.85) && day < ctx.cal.today;
    const question = out.length;
    out.push({ schoolId: ctx.schoolId, senderId: parent.id, recipientId: teacher, studentId: child.person.id, kind: 'GENERAL', body: PARENT_QUESTIONS[q], createdAt: asked, readAt: answered ? moscowInstant(addDays(day, 1), 7 * 60 + rng.int(30, 90)) : null });
    if (answered) {
      const replyAt = moscowInstant(addDays(day, 1), 8 * 60 + rng.int(0, 400));
      out.push({ schoolId: ctx.schoolId, senderId: teacher, recipientId: parent.id, studentId: child.person.id, kind: 'GENERAL', body: TEACHER_REPLIES[q], replyTo: question, createdAt: replyAt, readAt: rng.chance(0.8) && addDays(day, 1) < ctx.cal.today ? moscowInstant(addDays(day, 1), 19 * 60 + rng.int(0, 180)) : null });
    }
  }
  // About half of the online families acknowledge each published term result within a few days.
  for (const r of results.published) {
    const f = r.pupil.family;
    if (f.decision === 'REFUSED' || !rng.chance(0.5)) continue;
    const parent = f.guardians[0].person;
    const day = addDays(r.publishedAt.toISOString().slice(0, 10), rng.int(0, 5));
    if (day >= ctx.cal.today) continue;
    const at = moscowInstant(day, 19 * 60 + rng.int(0, 180));
    out.push({
      schoolId: ctx.schoolId,
      senderId: parent.id,
      recipientId: classTeacherOf(r.pupil),
      studentId: r.pupil.person.id,
      kind: 'FINAL_MARKS_ACK',
      body: rng.pick(ACK_TEXTS),
      createdAt: at,
      readAt: rng.chance(0.7) ? moscowInstant(addDays(day, 1), 8 * 60) : null,
      ack: { studentId: r.pupil.person.id, periodId: r.periodId, parentId: parent.id },
    });
  }
  return out;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

export function studentNotes(ctx: SchoolContext): Prisma.StudentNoteCreateManyInput[] {
  const rng = ctx.rng.fork('notes');
  const rows: Prisma.StudentNoteCreateManyInput[] = [];
  const at = (iso: string) => moscowInstant(iso < ctx.cal.today ? iso : ctx.cal.today, 11 * 60);
  for (const p of ctx.pupils.filter((x) => x.peExempt)) {
    rows.push({ schoolId: ctx.schoolId, studentId: p.person.id, authorId: ctx.staff.medical.id, kind: 'MEDICAL', text: `Освобождение от занятий физической культурой до конца учебного года (справка ВК № ${rng.int(100, 999)}).`, createdAt: at(addDays(ctx.cal.yearStart, 3)) });
  }
  const active = ctx.pupils.filter((p) => p.person.active);
  for (const text of ['Трудности адаптации в новом классе, рекомендованы индивидуальные консультации.', 'Повышенная тревожность перед контрольными работами; беседа с родителями проведена.']) {
    rows.push({ schoolId: ctx.schoolId, studentId: rng.pick(active).person.id, authorId: ctx.staff.psychologist.id, kind: 'PSYCHOLOGICAL', text, createdAt: at(addDays(ctx.cal.yearStart, rng.int(10, 40))) });
  }
  return rows;
}
