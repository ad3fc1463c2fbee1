// Display names of classes, groups and courses, kept in one place.
export function className(c: { gradeLevel: number; letter: string }): string {
  return `${c.gradeLevel}${c.letter}`;
}

type CourseLike = {
  subject: { name: string };
  schoolClass: { gradeLevel: number; letter: string } | null;
  group: { name: string; schoolClass: { gradeLevel: number; letter: string } | null } | null;
};

export function courseTitle(c: CourseLike): string {
  if (c.schoolClass) return `${c.subject.name}, ${className(c.schoolClass)}`;
  if (c.group) return `${c.subject.name}, ${c.group.schoolClass ? className(c.group.schoolClass) + ', ' : ''}${c.group.name}`;
  return c.subject.name;
}

export const courseTitleSelect = {
  subject: { select: { name: true } },
  schoolClass: { select: { gradeLevel: true, letter: true } },
  group: { select: { name: true, schoolClass: { select: { gradeLevel: true, letter: true } } } },
} as const;
