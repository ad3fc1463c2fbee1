// Staff of a demo school and its classes: about forty teachers by subject (primary teachers take
// their own class), the head, deputies and support staff.
import type { Role } from '../../lib/generated/prisma/enums';
import type { SubjectCode } from './curriculum';
import { adultName, type Sex } from './names';
import { adultBirth, person, type ClassPlan, type Staff, type Teacher, type TeacherKind } from './people';
import type { Rng } from './rng';

const LETTERS = ['А', 'Б'];

export function planClasses(rng: Rng): ClassPlan[] {
  const out: ClassPlan[] = [];
  for (let grade = 1; grade <= 11; grade++) {
    for (const letter of LETTERS) {
      const idx = out.length;
      out.push({
        idx,
        grade,
        letter,
        name: `${grade}${letter}`,
        size: rng.int(23, 28),
        homeRoom: grade <= 4 ? String(101 + idx) : String(300 + idx - 7),
        classTeacher: null,
        id: 0,
      });
    }
  }
  return out;
}

type RosterLine = { count: number; subjects: SubjectCode[]; maxLoad: number; female: number; kind?: TeacherKind };

/** About forty teachers; loads come out at 15–24 hours a week (a full post is 18). */
const ROSTER: readonly RosterLine[] = [
  { count: 8, subjects: ['rus', 'litread', 'math', 'world', 'art', 'tech', 'orkse'], maxLoad: 24, female: 0.95, kind: 'primary' },
  { count: 5, subjects: ['rus', 'lit'], maxLoad: 24, female: 0.9 },
  { count: 6, subjects: ['eng'], maxLoad: 24, female: 0.9 },
  { count: 4, subjects: ['math', 'alg', 'geom'], maxLoad: 24, female: 0.75 },
  { count: 1, subjects: ['inf', 'stat', 'project'], maxLoad: 26, female: 0.5 },
  { count: 2, subjects: ['hist', 'soc', 'odnknr'], maxLoad: 26, female: 0.7 },
  { count: 1, subjects: ['hist', 'soc'], maxLoad: 8, female: 0.7, kind: 'deputy' },
  { count: 1, subjects: ['geo'], maxLoad: 24, female: 0.8 },
  { count: 1, subjects: ['bio'], maxLoad: 24, female: 0.85 },
  { count: 1, subjects: ['chem', 'bio'], maxLoad: 24, female: 0.85 },
  { count: 1, subjects: ['phys'], maxLoad: 26, female: 0.5 },
  { count: 1, subjects: ['art', 'tech'], maxLoad: 24, female: 0.8 },
  { count: 1, subjects: ['tech'], maxLoad: 24, female: 0.2 },
  { count: 1, subjects: ['music'], maxLoad: 24, female: 0.85 },
  { count: 1, subjects: ['obzr', 'pe'], maxLoad: 24, female: 0.1 },
  { count: 3, subjects: ['pe'], maxLoad: 24, female: 0.4 },
];

export function planStaff(rng: Rng, classes: readonly ClassPlan[]): { teachers: Teacher[]; staff: Staff } {
  const teachers: Teacher[] = [];
  let room = 201;
  const primaryClasses = classes.filter((c) => c.grade <= 4);
  for (const line of ROSTER) {
    for (let i = 0; i < line.count; i++) {
      const sex: Sex = rng.chance(line.female) ? 'F' : 'M';
      const kind = line.kind ?? 'subject';
      const roles: Role[] = kind === 'deputy' ? ['MANAGEMENT', 'TEACHER'] : ['TEACHER'];
      const p = person(adultName(rng, sex, 'staff'), sex, adultBirth(rng, 1962, 1998), roles);
      let teacherRoom: string;
      if (kind === 'primary') teacherRoom = primaryClasses[i].homeRoom;
      else if (line.subjects[0] === 'pe' || line.subjects[0] === 'obzr') teacherRoom = i % 2 === 0 ? 'Спортзал' : 'Малый спортзал';
      else teacherRoom = String(room++);
      if (room === 216) room = 401;
      teachers.push({ person: p, kind, subjects: line.subjects, maxLoad: line.maxLoad, room: teacherRoom, load: 0, classTeacherOf: null });
    }
  }
  const adult = (roles: Role[], female: number, from = 1965, to = 1992) => {
    const sex: Sex = rng.chance(female) ? 'F' : 'M';
    return person(adultName(rng, sex, 'staff'), sex, adultBirth(rng, from, to), roles);
  };
  const staff: Staff = {
    director: adult(['MANAGEMENT'], 0.6, 1963, 1980),
    deputyVr: adult(['MANAGEMENT'], 0.85),
    admin: adult(['ADMIN'], 0.3, 1980, 1998),
    secretary: adult(['SECRETARY'], 0.95),
    medical: adult(['MEDICAL'], 0.95),
    psychologist: adult(['PSYCHOLOGIST'], 0.9, 1980, 1998),
    hr: adult(['HR'], 0.9),
  };
  return { teachers, staff };
}
