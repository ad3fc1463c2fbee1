// Calendar dates (@db.Date) travel as JavaScript Dates at UTC midnight; the domain works on
// 'YYYY-MM-DD' strings. These two convert at the database boundary.
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function dbDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}
