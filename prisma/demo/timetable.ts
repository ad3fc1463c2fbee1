// The weekly timetable: every course's hours placed into (weekday, slot) cells of its class with
// no gaps for pupils, no teacher in two places at once, and a subject at most once a day where its
// hours allow. A random start is repaired by min-conflicts swaps inside each class.
import { daysPerWeek } from './curriculum';
import type { CoursePlan } from './assignments';
import type { ClassPlan, Teacher } from './people';
import type { Rng } from './rng';

/** Courses taught in the same cell: one course, or both English subgroups side by side. */
export type Unit = { idx: number; classIdx: number; courses: CoursePlan[]; teachers: Teacher[]; hours: number; maxPerDay: number };

export type Timetable = {
  /** grid[classIdx][weekday-1][slot-1] = unit index. */
  grid: number[][][];
  units: Unit[];
  /** For each teacher (by object) the busy cells "weekday:slot". */
  busy: Map<Teacher, Set<string>>;
};

const SLOTS = 8;

/** Lessons a day, long days mid-week, Saturday the shortest. */
function dayLengths(hours: number, days: number): number[] {
  const base = Math.floor(hours / days);
  const extra = hours % days;
  const order = [1, 2, 3, 0, 4, 5].filter((d) => d < days);
  const out = Array(days).fill(base);
  for (let i = 0; i < extra; i++) out[order[i]]++;
  return out;
}

export function buildTimetable(rng: Rng, classes: readonly ClassPlan[], courses: readonly CoursePlan[]): Timetable {
  const units: Unit[] = [];
  for (const c of classes) {
    const bySubject = new Map<string, CoursePlan[]>();
    for (const k of courses) if (k.classIdx === c.idx) bySubject.set(k.subject, [...(bySubject.get(k.subject) ?? []), k]);
    for (const list of bySubject.values()) {
      const days = daysPerWeek(c.grade);
      units.push({
        idx: units.length,
        classIdx: c.idx,
        courses: list,
        teachers: list.map((k) => k.teacher!),
        hours: list[0].hoursPerWeek,
        maxPerDay: Math.ceil(list[0].hoursPerWeek / days),
      });
    }
  }
  const teacherIndex = new Map<Teacher, number>();
  for (const u of units) for (const t of u.teachers) if (!teacherIndex.has(t)) teacherIndex.set(t, teacherIndex.size);

  for (let attempt = 0; attempt < 20; attempt++) {
    const result = trySolve(rng.fork(`attempt${attempt}`), classes, units, teacherIndex);
    if (result) {
      const busy = new Map<Teacher, Set<string>>();
      result.forEach((days, classIdx) => {
        void classIdx;
        days.forEach((slots, d) =>
          slots.forEach((u, s) => {
            for (const t of units[u].teachers) {
              if (!busy.has(t)) busy.set(t, new Set());
              busy.get(t)!.add(`${d + 1}:${s + 1}`);
            }
          }),
        );
      });
      return { grid: result, units, busy };
    }
  }
  throw new Error('timetable: no conflict-free timetable found');
}

function trySolve(rng: Rng, classes: readonly ClassPlan[], units: readonly Unit[], teacherIndex: Map<Teacher, number>): number[][][] | null {
  const T = teacherIndex.size;
  const occ = new Int16Array(T * 7 * SLOTS);
  const tkey = (t: number, d: number, s: number) => (t * 7 + d) * SLOTS + s;
  const unitTeachers = units.map((u) => u.teachers.map((t) => teacherIndex.get(t)!));
  // dayCount[unit][day]
  const dayCount = units.map(() => new Int8Array(7));
  const grid: number[][][] = [];

  for (const c of classes) {
    const days = daysPerWeek(c.grade);
    const mine = units.filter((u) => u.classIdx === c.idx);
    const total = mine.reduce((s, u) => s + u.hours, 0);
    const lengths = dayLengths(total, days);
    const capacity = [...lengths];
    const perDay: number[][] = lengths.map(() => []);
    const instances = mine.flatMap((u) => Array(u.hours).fill(u.idx) as number[]);
    rng.shuffle(instances);
    instances.sort((a, b) => units[b].hours - units[a].hours);
    for (const u of instances) {
      const open = capacity.map((cap, d) => ({ d, cap })).filter((x) => x.cap > 0);
      const fresh = open.filter((x) => !perDay[x.d].includes(u));
      const pool = fresh.length ? fresh : open;
      const maxCap = Math.max(...pool.map((x) => x.cap));
      const d = rng.pick(pool.filter((x) => x.cap === maxCap)).d;
      perDay[d].push(u);
      capacity[d]--;
    }
    const classGrid = perDay.map((list) => rng.shuffle(list));
    grid[c.idx] = classGrid;
    classGrid.forEach((slots, d) =>
      slots.forEach((u, s) => {
        dayCount[u][d]++;
        for (const t of unitTeachers[u]) occ[tkey(t, d, s)]++;
      }),
    );
  }

  const clashAt = (u: number, d: number, s: number) => {
    let n = 0;
    for (const t of unitTeachers[u]) n += Math.max(0, occ[tkey(t, d, s)] - 1);
    return n;
  };
  const repeatAt = (u: number, d: number) => Math.max(0, dayCount[u][d] - units[u].maxPerDay);
  const cellCost = (u: number, d: number, s: number) => 10 * clashAt(u, d, s) + 3 * repeatAt(u, d);

  const move = (c: number, d1: number, s1: number, d2: number, s2: number) => {
    const g = grid[c];
    const u = g[d1][s1];
    const v = g[d2][s2];
    for (const t of unitTeachers[u]) {
      occ[tkey(t, d1, s1)]--;
      occ[tkey(t, d2, s2)]++;
    }
    for (const t of unitTeachers[v]) {
      occ[tkey(t, d2, s2)]--;
      occ[tkey(t, d1, s1)]++;
    }
    dayCount[u][d1]--;
    dayCount[u][d2]++;
    dayCount[v][d2]--;
    dayCount[v][d1]++;
    g[d1][s1] = v;
    g[d2][s2] = u;
  };

  /** Cost of everything a swap can touch: both cells' teachers at both times and both days' repeats. */
  const localCost = (c: number, d1: number, s1: number, d2: number, s2: number) => {
    const g = grid[c];
    const u = g[d1][s1];
    const v = g[d2][s2];
    let cost = 0;
    const seen = new Set<number>();
    for (const [w, d, s] of [[u, d1, s1], [u, d2, s2], [v, d1, s1], [v, d2, s2]] as const) {
      for (const t of unitTeachers[w]) {
        const k = tkey(t, d, s);
        if (seen.has(k)) continue;
        seen.add(k);
        cost += 10 * Math.max(0, occ[k] - 1);
      }
    }
    for (const w of new Set([u, v])) for (const d of new Set([d1, d2])) cost += 3 * repeatAt(w, d);
    return cost;
  };

  for (let iter = 0; iter < 60_000; iter++) {
    const conflicted: [number, number, number][] = [];
    for (const c of classes) {
      grid[c.idx].forEach((slots, d) => slots.forEach((u, s) => cellCost(u, d, s) > 0 && conflicted.push([c.idx, d, s])));
    }
    if (!conflicted.length) return grid;
    const [c, d1, s1] = rng.pick(conflicted);
    let best: [number, number][] = [];
    let bestDelta = Infinity;
    grid[c].forEach((slots, d2) =>
      slots.forEach((v, s2) => {
        if (grid[c][d1][s1] === v) return;
        const before = localCost(c, d1, s1, d2, s2);
        move(c, d1, s1, d2, s2);
        const delta = localCost(c, d1, s1, d2, s2) - before;
        move(c, d1, s1, d2, s2);
        if (delta < bestDelta) {
          bestDelta = delta;
          best = [[d2, s2]];
        } else if (delta === bestDelta) best.push([d2, s2]);
      }),
    );
    if (!best.length) continue;
    if (bestDelta <= 0 || rng.chance(0.1)) {
      const [d2, s2] = rng.pick(best);
      move(c, d1, s1, d2, s2);
    }
  }
  return null;
}
