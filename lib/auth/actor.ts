// The signed-in person as every data function sees them: identity, roles, effective permissions
// and the classes they lead. Built from the database on every request, so a role change,
// deactivation, password change or ended session takes effect on the very next request.
import 'server-only';
import type { Role } from '../generated/prisma/enums';
import type { PrismaClient } from '../prisma-client';
import { effectivePermissions, isRole, type Permission } from './permissions';
import { LAST_SEEN_WRITE_INTERVAL_MS, sessionExpiry } from './session-policy';
import { sqlOn } from '../sql';

export type Actor = {
  id: number;
  schoolId: number;
  /** The school's IANA timezone: times are shown and days counted on the school's clock. */
  timeZone: string;
  login: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  /**
   * Classes of which this person is the class teacher (классный руководитель), in the current
   * academic years only (see currentYears): last year's class teacher no longer reads the class.
   */
  classTeacherOf: readonly number[];
  /**
   * The school's academic years whose teaching duties give rights now: the latest year that has
   * begun and any year not begun yet (being prepared). A year stops giving rights when the next
   * one begins, so the summer's final paperwork is still done under last year's duties.
   */
  currentYears: readonly number[];
  sessionId: string;
  mustChangePassword: boolean;
};

export type SessionClaims = { userId: number; sessionId: string; sessionVersion: number };

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
  return !!actor && actor.roles.includes(role);
}

export function fullName(p: { lastName: string; firstName: string; middleName?: string | null }): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

type ActorRow = {
  created_at: Date;
  last_seen_at: Date;
  id: number;
  school_id: number;
  time_zone: string;
  login: string | null;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  must_change_password: boolean;
  roles: string[];
  grants: string[];
  role_permissions: string[];
  classes: number[];
  current_years: number[];
};

/**
 * Null when the session is ended, expired, of an older session version, or the user is inactive.
 * This runs on every request, so it is one SQL statement: the session, the user, their roles,
 * the school's grants for those roles, their own grants, the school's current academic years
 * (today on the school's clock) and the classes they lead in those years.
 */
export async function loadActor(db: PrismaClient, claims: SessionClaims, now = new Date()): Promise<Actor | null> {
  const rows = await sqlOn(db).rows<ActorRow>`
    SELECT s.created_at, s.last_seen_at, u.id, u.school_id, sc.timezone AS time_zone, u.login, u.last_name, u.first_name, u.middle_name, u.must_change_password,
      ARRAY(SELECT r.role::text FROM user_roles r WHERE r.user_id = u.id) AS roles,
      ARRAY(SELECT p.permission FROM user_permissions p WHERE p.user_id = u.id) AS grants,
      ARRAY(SELECT rp.role::text || ' ' || rp.permission FROM role_permissions rp
             WHERE rp.school_id = u.school_id AND rp.role IN (SELECT r.role FROM user_roles r WHERE r.user_id = u.id)) AS role_permissions,
      ARRAY(SELECT c.id FROM school_classes c WHERE c.class_teacher_id = u.id AND c.academic_year_id = ANY(cy.ids) ORDER BY c.id) AS classes,
      cy.ids AS current_years
    FROM user_sessions s JOIN users u ON u.id = s.user_id JOIN schools sc ON sc.id = u.school_id
    CROSS JOIN LATERAL (SELECT ARRAY(
      SELECT y.id FROM academic_years y
       WHERE y.school_id = u.school_id
         AND NOT EXISTS (SELECT 1 FROM academic_years n
                          WHERE n.school_id = y.school_id AND n.start_date > y.start_date
                            AND n.start_date <= (${now}::timestamptz AT TIME ZONE sc.timezone)::date)
       ORDER BY y.id) AS ids) cy
    WHERE s.id = ${claims.sessionId} AND s.user_id = ${claims.userId} AND s.ended_at IS NULL
      AND u.active AND u.session_version = ${claims.sessionVersion}`;
  const row = rows[0];
  if (!row) return null;
  const expired = sessionExpiry({ createdAt: row.created_at, lastSeenAt: row.last_seen_at }, now);
  if (expired) {
    await db.userSession.updateMany({ where: { id: claims.sessionId, endedAt: null }, data: { endedAt: now } });
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > LAST_SEEN_WRITE_INTERVAL_MS) {
    await db.userSession.update({ where: { id: claims.sessionId }, data: { lastSeenAt: now } });
  }
  const rolePermissions = row.role_permissions.map((entry) => {
    const [role, permission] = entry.split(' ');
    return { role, permission };
  });
  const roles = row.roles.filter(isRole);
  return {
    id: row.id,
    schoolId: row.school_id,
    timeZone: row.time_zone,
    login: row.login,
    lastName: row.last_name,
    firstName: row.first_name,
    middleName: row.middle_name,
    roles,
    permissions: effectivePermissions(roles, rolePermissions, row.grants),
    classTeacherOf: row.classes,
    currentYears: row.current_years,
    sessionId: claims.sessionId,
    mustChangePassword: row.must_change_password,
  };
}
