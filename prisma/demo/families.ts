// Pupils and their families: seats in every class (with leavers, a transfer and newcomers), then
// families over the seats — siblings share surname and parents, the patronymic comes from the
// father's name — with the family's consent decision and how often they open the diary.
import { addDays } from '../../lib/domain/calendar';
import { transliterate } from '../../lib/domain/passwords';
import type { SchoolCalendar } from './calendar';
import { adultName, firstName, patronymic, surname, surnameFor, type Sex } from './names';
import { adultBirth, person, phone, type ClassPlan, type Enrollment, type Family, type Person, type Pupil } from './people';
import { clamp, type Rng } from './rng';

/** Dates of the moves during the year; only those already past are used. */
export function movementDates(cal: SchoolCalendar) {
  const y = cal.startYear;
  return {
    leaverEnds: [`${y}-10-09`, `${y}-10-16`],
    transferEnd: `${y}-10-09`,
    transferStart: `${y}-10-12`,
    newcomerStarts: [`${y}-11-09`, `${y}-11-16`],
  };
}

type Seat = { classIdx: number; grade: number; start: string; end: string | null; transferTo?: number; pupil?: Pupil };

function childBirth(rng: Rng, cal: SchoolCalendar, grade: number): string {
  // 6.5–7.5 years old on 1 September of grade 1.
  return addDays(`${cal.startYear - grade - 6}-03-01`, -rng.int(0, 364));
}

export type PupilPlanOptions = { demoFamily: boolean };

/**
 * Seats in every class, then families over them: most have one child in the school, some two or
 * three in different grades. Leavers (end in October), one transfer between parallel classes and
 * newcomers (November) are placed only when their dates are not in the future.
 */
export function planFamilies(rng: Rng, classes: readonly ClassPlan[], cal: SchoolCalendar, options: PupilPlanOptions): { families: Family[]; pupils: Pupil[] } {
  const moves = movementDates(cal);
  const past = (iso: string) => iso < cal.today;
  const seats: Seat[] = [];
  const byGrade = new Map<number, Seat[]>();
  const addSeat = (s: Seat) => {
    seats.push(s);
    if (!byGrade.has(s.grade)) byGrade.set(s.grade, []);
    byGrade.get(s.grade)!.push(s);
  };
  // Which classes get the movers: fixed picks away from the demo class 7А.
  const leaverClasses = [classes[8], classes[17]]; // 5А, 9Б
  const transferFrom = classes[10]; // 6А → 6Б
  const transferTo = classes[11];
  // External newcomers: 3Б from the start of the second quarter, 11А a week later.
  const newcomers: [ClassPlan, string][] = [[classes[5], moves.newcomerStarts[0]], [classes[20], moves.newcomerStarts[1]]];
  for (const c of classes) {
    let regular = c.size;
    if (c === transferTo && past(moves.transferStart)) regular--;
    for (const [nc, start] of newcomers) {
      if (nc === c && past(start)) {
        regular--;
        addSeat({ classIdx: c.idx, grade: c.grade, start, end: null });
      }
    }
    for (let i = 0; i < regular; i++) addSeat({ classIdx: c.idx, grade: c.grade, start: cal.yearStart, end: null });
    for (const [i, end] of moves.leaverEnds.entries()) {
      if (leaverClasses[i] === c && past(end)) addSeat({ classIdx: c.idx, grade: c.grade, start: cal.yearStart, end });
    }
    if (c === transferFrom && past(moves.transferStart)) {
      addSeat({ classIdx: c.idx, grade: c.grade, start: cal.yearStart, end: moves.transferEnd, transferTo: transferTo.idx });
    }
  }

  const free = new Set(seats);
  const takeFrom = (grade: number): Seat | undefined => {
    const list = (byGrade.get(grade) ?? []).filter((s) => free.has(s) && s.end === null && s.start === cal.yearStart);
    if (!list.length) return undefined;
    const s = rng.pick(list);
    free.delete(s);
    return s;
  };

  const families: Family[] = [];
  const pupils: Pupil[] = [];

  const makeFamily = (childSeats: Seat[], demo = false) => {
    const fam = newFamily(rng, childSeats, cal, demo);
    families.push(fam);
    for (const seat of childSeats) {
      const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
      const p = person(
        { lastName: surnameFor(fam.surname, sex), firstName: firstName(rng, sex, 'child'), middleName: patronymic(fam.fatherName, sex) },
        sex,
        childBirth(rng, cal, seat.grade),
        ['STUDENT'],
      );
      const enrollments: Enrollment[] = [{ classIdx: seat.classIdx, start: seat.start, end: seat.end }];
      if (seat.transferTo !== undefined) enrollments.push({ classIdx: seat.transferTo, start: moves.transferStart, end: null });
      const left = seat.end !== null && seat.transferTo === undefined;
      p.active = !left;
      const ability = clamp(rng.normal(3.9, 0.5), 2.95, 4.9);
      const pupil: Pupil = {
        person: p,
        family: fam,
        enrollments,
        ability,
        subjectOffset: {},
        sickliness: Math.exp(rng.normal(0, 0.55)),
        truancy: seat.grade >= 7 ? Math.exp(rng.normal(0, 0.8)) : 0.3,
        peExempt: false,
      };
      seat.pupil = pupil;
      fam.children.push(pupil);
      pupils.push(pupil);
    }
    // Households where every child has left are no longer active users.
    if (fam.children.every((c) => !c.person.active)) for (const g of fam.guardians) g.person.active = false;
  };

  if (options.demoFamily) {
    // The demo parent: a child in 7А (the demo pupil) and one in 3А.
    const a = takeSpecific(byGrade.get(7) ?? [], free, classes[12].idx, cal.yearStart);
    const b = takeSpecific(byGrade.get(3) ?? [], free, classes[4].idx, cal.yearStart);
    makeFamily([a, b], true);
  }

  const order = rng.shuffle([...seats]);
  for (const seat of order) {
    if (!free.has(seat)) continue;
    free.delete(seat);
    const group = [seat];
    if (seat.end === null && seat.start === cal.yearStart) {
      const r = rng.next();
      const siblings = r < 0.035 ? 2 : r < 0.2 ? 1 : 0;
      const used = new Set([seat.grade]);
      for (let i = 0; i < siblings; i++) {
        const grades = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].filter((g) => !used.has(g) && Math.abs(g - seat.grade) <= 6);
        const g = rng.pick(grades);
        const s = takeFrom(g);
        if (s) {
          group.push(s);
          used.add(g);
        }
      }
    }
    makeFamily(group);
  }
  return { families, pupils };
}

function takeSpecific(list: readonly Seat[], free: Set<Seat>, classIdx: number, start: string): Seat {
  const s = list.find((x) => free.has(x) && x.classIdx === classIdx && x.end === null && x.start === start);
  if (!s) throw new Error('no seat for the demo family');
  free.delete(s);
  return s;
}

function newFamily(rng: Rng, childSeats: readonly Seat[], cal: SchoolCalendar, demo: boolean): Family {
  const fam: Family = {
    surname: surname(rng),
    fatherName: '',
    guardians: [],
    children: [],
    decision: demo ? 'ONLINE' : rng.weighted([['ONLINE', 80], ['EMAIL', 15], ['REFUSED', 5]] as const),
    visits: demo ? 'often' : rng.chance(0.8) ? 'often' : 'rare',
  };
  const oldestGrade = Math.max(...childSeats.map((s) => s.grade));
  const parentBirthTo = cal.startYear - oldestGrade - 6 - 21;
  const mother = adultName(rng, 'F', 'parent');
  const father = adultName(rng, 'M', 'parent');
  fam.fatherName = father.firstName;
  const kind = demo ? 'both' : rng.weighted([['both', 62], ['mother', 31], ['father', 5], ['custodian', 2]] as const);
  const birth = () => adultBirth(rng, parentBirthTo - 14, parentBirthTo);
  if (kind === 'both' || kind === 'mother') {
    // Most mothers share the family surname; some kept their own.
    const lastName = rng.chance(0.88) ? surnameFor(fam.surname, 'F') : mother.lastName;
    fam.guardians.push({ person: person({ ...mother, lastName }, 'F', birth(), ['PARENT']), relation: 'мать' });
  }
  if (kind === 'both' || kind === 'father') {
    fam.guardians.push({ person: person({ ...father, lastName: fam.surname }, 'M', birth(), ['PARENT']), relation: 'отец' });
  }
  if (kind === 'custodian') {
    const granny = adultName(rng, 'F', 'staff');
    fam.guardians.push({
      person: person({ ...granny, lastName: surnameFor(fam.surname, 'F') }, 'F', adultBirth(rng, parentBirthTo - 30, parentBirthTo - 18), ['PARENT']),
      relation: 'опекун',
    });
  }
  for (const g of fam.guardians) {
    g.person.phone = phone(rng);
    if (fam.decision === 'EMAIL' || rng.chance(0.45)) g.person.email = personalEmail(rng, g.person);
  }
  return fam;
}

/** On domains reserved for examples (RFC 2606): a demo letter must never reach a real mailbox. */
export function personalEmail(rng: Rng, p: Pick<Person, 'lastName' | 'firstName'>): string {
  const slug = (s: string) => transliterate(s).toLowerCase().replace(/[^a-z]/g, '');
  const domain = rng.weighted([['example.com', 50], ['example.net', 30], ['example.org', 20]] as const);
  const style = rng.int(0, 2);
  const local =
    style === 0 ? `${slug(p.lastName)}.${slug(p.firstName)}` : style === 1 ? `${slug(p.firstName)}.${slug(p.lastName)}${rng.int(70, 99)}` : `${slug(p.firstName)[0]}${slug(p.lastName)}${rng.int(1, 999)}`;
  return `${local}@${domain}`;
}
