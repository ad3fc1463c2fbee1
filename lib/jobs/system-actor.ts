// Background jobs act for a school, not for a signed-in person. They read through the same data
// layer as everyone (diaryWeek, deliveryLists), as this actor: the school-wide reading and
// printing rights and nothing else; it holds no session and can never sign in.
import type { Actor } from '../auth/actor';
import type { Permission } from '../auth/permissions';

const JOB_PERMISSIONS: readonly Permission[] = ['journal:read:school', 'extracts:print:school'];

export function systemActor(school: { id: number; timezone: string }): Actor {
  return {
    id: 0,
    schoolId: school.id,
    timeZone: school.timezone,
    login: null,
    lastName: 'Электронный журнал',
    firstName: '',
    middleName: null,
    roles: [],
    permissions: new Set(JOB_PERMISSIONS),
    classTeacherOf: [],
    currentYears: [], // teaching duties give nothing here; the school-wide rights above do
    sessionId: 'background-job',
    mustChangePassword: false,
  };
}
