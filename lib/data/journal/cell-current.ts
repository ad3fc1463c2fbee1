// What a cell holds now and who set it: the answer a losing concurrent save gets.
import 'server-only';
import type { Prisma, PrismaClient } from '../../prisma-client';
import { attendanceFromDb } from '../../domain/journal-grid';
import type { CellConflict } from './cell-schema';

type Db = PrismaClient | Prisma.TransactionClient;
type Cell = { lessonId: number; studentId: number; position: number };

const editor = { select: { lastName: true, firstName: true, middleName: true } } as const;
const who = (u: { lastName: string; firstName: string; middleName: string | null }) =>
  `${u.lastName} ${u.firstName[0]}.${u.middleName ? ` ${u.middleName[0]}.` : ''}`;

export async function currentCell(db: Db, target: 'mark' | 'attendance', cell: Cell): Promise<CellConflict> {
  if (target === 'mark') {
    const m = await db.mark.findUnique({
      where: { lessonId_studentId_position: { lessonId: cell.lessonId, studentId: cell.studentId, position: cell.position } },
      select: { value: true, version: true, updatedAt: true, updatedBy: editor },
    });
    return { target, value: m?.value ?? null, version: m?.version ?? 0, updatedBy: m ? who(m.updatedBy) : null, updatedAt: m?.updatedAt.toISOString() ?? null };
  }
  const a = await db.attendance.findUnique({
    where: { lessonId_studentId: { lessonId: cell.lessonId, studentId: cell.studentId } },
    select: { code: true, version: true, updatedAt: true, updatedBy: editor },
  });
  return { target, value: a ? attendanceFromDb(a.code) : null, version: a?.version ?? 0, updatedBy: a ? who(a.updatedBy) : null, updatedAt: a?.updatedAt.toISOString() ?? null };
}
