// DATABASE_URL=… npx tsx prisma/demo/verify.ts
// Checks a seeded demo database with SQL: the documented counts and the rules the data must keep.
// Prints one line per check and exits with 1 if any fails.
import { createPrismaClient } from '../../lib/prisma-client';

type Check = { name: string; sql: string; ok: (rows: Record<string, unknown>[]) => boolean; show?: (rows: Record<string, unknown>[]) => string };

const n = (v: unknown) => Number(v);
const one = (rows: Record<string, unknown>[]) => rows[0] ?? {};

const CHECKS: Check[] = [
  {
    name: '22 класса в каждой школе',
    sql: `SELECT school_id, count(*) AS c FROM school_classes GROUP BY school_id HAVING count(*) <> 22`,
    ok: (r) => r.length === 0,
  },
  {
    name: 'в каждом классе сейчас 23–28 учеников',
    sql: `SELECT min(c) AS min, max(c) AS max FROM (SELECT class_id, count(*) AS c FROM enrollments WHERE end_date IS NULL GROUP BY class_id) x`,
    ok: (r) => n(one(r).min) >= 23 && n(one(r).max) <= 28,
    show: (r) => `${one(r).min}–${one(r).max}`,
  },
  {
    name: 'около 40 учителей в школе (35–45)',
    sql: `SELECT min(c) AS min, max(c) AS max FROM (SELECT school_id, count(*) AS c FROM user_roles WHERE role = 'TEACHER' GROUP BY school_id) x`,
    ok: (r) => n(one(r).min) >= 35 && n(one(r).max) <= 45,
    show: (r) => `${one(r).min}–${one(r).max}`,
  },
  {
    name: 'в расписании учитель не ведёт два урока одновременно',
    sql: `SELECT ct.teacher_id, te.weekday, te.slot, count(*) FROM timetable_entries te JOIN course_teachers ct ON ct.course_id = te.course_id
          GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    ok: (r) => r.length === 0,
  },
  {
    name: 'в журнале учитель не ведёт два урока одновременно',
    sql: `SELECT teacher_id, date, slot FROM lessons GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    ok: (r) => r.length === 0,
  },
  {
    name: 'у класса нет двух уроков в одной ячейке (кроме подгрупп)',
    sql: `SELECT coalesce(c.class_id, g.class_id) AS class_id, l.date, l.slot, count(DISTINCT c.subject_id) AS subjects
          FROM lessons l JOIN courses c ON c.id = l.course_id LEFT JOIN study_groups g ON g.id = c.group_id
          GROUP BY 1, 2, 3 HAVING count(DISTINCT c.subject_id) > 1`,
    ok: (r) => r.length === 0,
  },
  {
    name: 'нет отметок в 1 классе',
    sql: `SELECT count(*) AS c FROM marks m JOIN courses c ON c.id = m.course_id LEFT JOIN study_groups g ON g.id = c.group_id
          JOIN school_classes k ON k.id = coalesce(c.class_id, g.class_id) WHERE k.grade_level = 1`,
    ok: (r) => n(one(r).c) === 0,
  },
  {
    name: 'каждая отметка — значение шкалы курса, числовое значение совпадает',
    sql: `SELECT count(*) AS c FROM marks m JOIN courses c ON c.id = m.course_id JOIN grading_scales s ON s.id = c.grading_scale_id
          WHERE NOT (m.value = ANY (s.values))
             OR (s.kind = 'PASS_FAIL' AND m.numeric_value IS NOT NULL)
             OR (s.kind <> 'PASS_FAIL' AND m.numeric_value IS DISTINCT FROM m.value::float8)`,
    ok: (r) => n(one(r).c) === 0,
  },
  {
    name: 'отметки только у учеников, зачисленных в класс курса на дату урока',
    sql: `SELECT count(*) AS c FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN courses c ON c.id = m.course_id
          LEFT JOIN study_groups g ON g.id = c.group_id
          WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = m.student_id AND e.class_id = coalesce(c.class_id, g.class_id)
                            AND e.start_date <= l.date AND (e.end_date IS NULL OR e.end_date >= l.date))`,
    ok: (r) => n(one(r).c) === 0,
  },
  {
    name: 'нет отметок у отсутствовавших (Н, Б, УП)',
    sql: `SELECT count(*) AS c FROM marks m JOIN attendance a ON a.lesson_id = m.lesson_id AND a.student_id = m.student_id WHERE a.code <> 'LATE'`,
    ok: (r) => n(one(r).c) === 0,
  },
  {
    name: 'зачисления одного ученика не пересекаются',
    sql: `SELECT count(*) AS c FROM enrollments a JOIN enrollments b ON a.student_id = b.student_id AND a.id < b.id
          AND daterange(a.start_date, a.end_date, '[]') && daterange(b.start_date, b.end_date, '[]')`,
    ok: (r) => n(one(r).c) === 0,
  },
  {
    name: 'выбывшие (октябрь) и прибывшие (октябрь–ноябрь) есть',
    sql: `SELECT count(*) FILTER (WHERE end_date IS NOT NULL) AS left, count(*) FILTER (WHERE start_date > (SELECT min(start_date) FROM enrollments)) AS came FROM enrollments`,
    ok: () => true,
    show: (r) => `выбыли ${one(r).left}, прибыли ${one(r).came}`,
  },
  {
    name: 'средний балл учеников в пределах 2,5–5',
    sql: `SELECT min(a) AS min, max(a) AS max, avg(a) AS avg FROM (SELECT student_id, avg(numeric_value) AS a FROM marks WHERE numeric_value IS NOT NULL GROUP BY student_id HAVING count(*) >= 10) x`,
    ok: (r) => n(one(r).min) >= 2.5 && n(one(r).max) <= 5,
    show: (r) => `${n(one(r).min).toFixed(2)}–${n(one(r).max).toFixed(2)}, в среднем ${n(one(r).avg).toFixed(2)}`,
  },
  {
    name: 'пропуски: 4–6 % ученико-уроков',
    sql: `SELECT (SELECT count(*) FROM attendance)::float8 / nullif((SELECT count(*) FROM lessons l JOIN courses c ON c.id = l.course_id
            LEFT JOIN study_groups g ON g.id = c.group_id
            LEFT JOIN study_group_members gm ON gm.group_id = c.group_id
            JOIN enrollments e ON e.class_id = coalesce(c.class_id, g.class_id) AND (c.group_id IS NULL OR e.student_id = gm.student_id)
              AND e.start_date <= l.date AND (e.end_date IS NULL OR e.end_date >= l.date)), 0) AS share`,
    ok: (r) => n(one(r).share) >= 0.04 && n(one(r).share) <= 0.06,
    show: (r) => `${(n(one(r).share) * 100).toFixed(1)} %`,
  },
  {
    name: 'нет уроков в каникулы и в воскресенье, в 1–4 классах нет уроков в субботу',
    sql: `SELECT count(*) AS c FROM lessons l JOIN courses c ON c.id = l.course_id LEFT JOIN study_groups g ON g.id = c.group_id
          JOIN school_classes k ON k.id = coalesce(c.class_id, g.class_id)
          WHERE extract(isodow FROM l.date) = 7 OR (k.grade_level <= 4 AND extract(isodow FROM l.date) = 6)
             OR EXISTS (SELECT 1 FROM holidays h WHERE h.school_id = l.school_id AND l.date BETWEEN h.start_date AND h.end_date
                        AND (cardinality(h.grade_levels) = 0 OR k.grade_level = ANY (h.grade_levels)))`,
    ok: (r) => n(one(r).c) === 0,
  },
  {
    name: 'каждый 8-й урок — контрольная (TEST, planned_test)',
    sql: `SELECT count(*) FILTER (WHERE lesson_kind = 'TEST')::float8 / count(*) AS share, count(*) FILTER (WHERE lesson_kind = 'TEST' AND NOT planned_test) AS bad FROM lessons`,
    ok: (r) => n(one(r).bad) === 0 && n(one(r).share) > 0.07 && n(one(r).share) < 0.14,
    show: (r) => `${(n(one(r).share) * 100).toFixed(1)} % уроков`,
  },
  {
    name: 'уроки с заменой ведёт заменяющий учитель',
    sql: `SELECT count(*) FILTER (WHERE l.teacher_id <> tc.substitute_teacher_id OR NOT l.is_substitution) AS bad, count(*) AS total
          FROM timetable_changes tc JOIN lessons l ON l.course_id = tc.course_id AND l.date = tc.date AND l.slot = tc.slot WHERE tc.kind = 'SUBSTITUTION'`,
    ok: (r) => n(one(r).bad) === 0 && n(one(r).total) > 0,
    show: (r) => `${one(r).total} уроков`,
  },
  {
    name: 'итоговые за закрытую четверть есть у каждого ученика 2–9 классов по каждому курсу',
    sql: `WITH pupils AS (
            SELECT p.id AS period_id, e.student_id, k.id AS class_id FROM study_periods p
            JOIN school_classes k ON k.period_scheme_id = p.scheme_id AND k.grade_level BETWEEN 2 AND 9
            JOIN enrollments e ON e.class_id = k.id AND e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date >= p.end_date)
            WHERE p.status = 'CLOSED'),
          expected AS (
            SELECT x.period_id, x.student_id, c.id AS course_id FROM pupils x JOIN courses c ON c.class_id = x.class_id
            UNION ALL
            SELECT x.period_id, x.student_id, c.id FROM pupils x
            JOIN study_groups g ON g.class_id = x.class_id JOIN study_group_members gm ON gm.group_id = g.id AND gm.student_id = x.student_id
            JOIN courses c ON c.group_id = g.id)
          SELECT count(*) AS missing FROM expected x
          LEFT JOIN final_marks f ON f.student_id = x.student_id AND f.course_id = x.course_id AND f.period_id = x.period_id
          WHERE f.id IS NULL`,
    ok: (r) => n(one(r).missing) === 0,
  },
  {
    name: 'итоговые: осв., н/а, отсрочка «болезнь», все опубликованы',
    sql: `SELECT count(*) FILTER (WHERE special = 'EXEMPT') AS exempt, count(*) FILTER (WHERE special = 'NOT_ATTESTED') AS na,
                 count(*) FILTER (WHERE deferred_until IS NOT NULL AND deferral_reason = 'болезнь') AS deferred,
                 count(*) FILTER (WHERE status <> 'PUBLISHED' OR visible_from IS DISTINCT FROM published_at) AS unpublished, count(*) AS total
          FROM final_marks`,
    ok: (r) => n(one(r).total) === 0 || (n(one(r).exempt) > 0 && n(one(r).na) > 0 && n(one(r).deferred) > 0 && n(one(r).unpublished) === 0),
    show: (r) => `всего ${one(r).total}: осв. ${one(r).exempt}, н/а ${one(r).na}, отсрочек ${one(r).deferred}`,
  },
  {
    name: 'закрытые периоды',
    sql: `SELECT string_agg(DISTINCT name || ' (' || status || ')', ', ') AS s FROM study_periods WHERE status = 'CLOSED'`,
    ok: () => true,
    show: (r) => String(one(r).s ?? 'нет'),
  },
  {
    name: 'английский: две подгруппы с разными учителями со 2 класса',
    sql: `SELECT g.class_id FROM study_groups g JOIN courses c ON c.group_id = g.id JOIN course_teachers ct ON ct.course_id = c.id
          GROUP BY g.class_id HAVING count(DISTINCT ct.teacher_id) <> 2 OR count(DISTINCT g.id) <> 2`,
    ok: (r) => r.length === 0,
  },
  {
    name: 'действующие согласия: отказ → бумага, e-mail с адресом',
    sql: `SELECT count(*) FILTER (WHERE decision = 'REFUSED' AND delivery_preference <> 'PAPER') AS bad1,
                 count(*) FILTER (WHERE delivery_preference = 'EMAIL' AND contact_email IS NULL) AS bad2,
                 round(100.0 * count(*) FILTER (WHERE delivery_preference = 'EMAIL') / count(*)) AS email,
                 round(100.0 * count(*) FILTER (WHERE decision = 'REFUSED') / count(*)) AS refused
          FROM (SELECT DISTINCT ON (student_id) * FROM consents ORDER BY student_id, recorded_at DESC, id DESC) newest`,
    ok: (r) => n(one(r).bad1) === 0 && n(one(r).bad2) === 0,
    show: (r) => `e-mail ${one(r).email} %, отказ ${one(r).refused} %`,
  },
  {
    name: 'логины уникальны, у всех один хеш демо-пароля',
    sql: `SELECT count(*) AS users, count(DISTINCT login) AS logins, count(DISTINCT password_hash) AS hashes FROM users`,
    ok: (r) => n(one(r).users) === n(one(r).logins) && n(one(r).hashes) === 1,
  },
  {
    name: 'демо-входы школы 1',
    sql: `SELECT
      (SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.login = 'admin' AND r.role = 'ADMIN') AS admin,
      (SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.login = 'director' AND r.role = 'MANAGEMENT') AS director,
      (SELECT count(DISTINCT s.name) FROM users u JOIN course_teachers ct ON ct.teacher_id = u.id JOIN courses c ON c.id = ct.course_id JOIN subjects s ON s.id = c.subject_id
         WHERE u.login = 'teacher' AND s.name IN ('Математика', 'Алгебра')) AS teacher_subjects,
      (SELECT count(*) FROM users u JOIN school_classes k ON k.class_teacher_id = u.id WHERE u.login = 'teacher') AS teacher_classes,
      (SELECT count(*) FROM users u JOIN school_classes k ON k.class_teacher_id = u.id AND k.grade_level = 7 AND k.letter = 'А'
         JOIN courses c ON c.class_id = k.id JOIN subjects s ON s.id = c.subject_id AND s.name = 'Русский язык' JOIN course_teachers ct ON ct.course_id = c.id AND ct.teacher_id = u.id
         WHERE u.login = 'classteacher') AS classteacher,
      (SELECT count(DISTINCT e.class_id) FROM users u JOIN guardianships g ON g.parent_id = u.id JOIN enrollments e ON e.student_id = g.student_id WHERE u.login = 'parent') AS parent_classes,
      (SELECT count(*) FROM users u JOIN guardianships g ON g.student_id = u.id JOIN users p ON p.id = g.parent_id AND p.login = 'parent'
         JOIN enrollments e ON e.student_id = u.id JOIN school_classes k ON k.id = e.class_id AND k.grade_level = 7 AND k.letter = 'А' WHERE u.login = 'pupil') AS pupil`,
    ok: (r) => {
      const x = one(r);
      return n(x.admin) === 1 && n(x.director) === 1 && n(x.teacher_subjects) === 2 && n(x.teacher_classes) === 0 && n(x.classteacher) === 1 && n(x.parent_classes) === 2 && n(x.pupil) === 1;
    },
  },
  {
    name: 'родители открывают дневник: доля тех, кто ≥ 2 раз в неделю',
    sql: `SELECT round(100.0 * count(*) FILTER (WHERE per_week >= 2) / count(*)) AS share FROM (
            SELECT user_id, count(DISTINCT date)::float8 / greatest(1, (max(date) - min(date)) / 7.0) AS per_week FROM diary_visits GROUP BY user_id) x`,
    ok: (r) => n(one(r).share) >= 65 && n(one(r).share) <= 90,
    show: (r) => `${one(r).share} %`,
  },
];

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Не задана переменная окружения DATABASE_URL.');
  process.exit(1);
}
const prisma = createPrismaClient(url, 1);
let failed = 0;
try {
  for (const check of CHECKS) {
    const rows = (await prisma.$queryRawUnsafe<Record<string, unknown>[]>(check.sql)).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
    );
    const ok = check.ok(rows);
    if (!ok) failed++;
    const detail = check.show ? ` — ${check.show(rows)}` : !ok ? ` — ${JSON.stringify(rows.slice(0, 3))}` : '';
    console.log(`${ok ? '✓' : '✗'} ${check.name}${detail}`);
  }
} finally {
  await prisma.$disconnect();
}
process.exit(failed ? 1 : 0);
