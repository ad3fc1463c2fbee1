import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { ALL_ROLES, PERMISSIONS, ROLE_BOUND_PERMISSIONS, ROLE_LABELS, type Permission } from '@/lib/auth/permissions';
import { getUserForAdmin, schoolClasses } from '@/lib/data/users';
import { pupilClass } from '@/lib/data/pupil-class';
import { UserCommands } from './user-commands';
import { PupilClass } from './pupil-class';

export const metadata = { title: 'Пользователь' };

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireUser();
  if (!actor.permissions.has('users:read') && !actor.permissions.has('users:manage')) redirect('/forbidden');
  const { userId } = await params;
  const user = await getUserForAdmin(actor, parseId(userId) ?? 0);
  if (!user) notFound();
  const classes = await schoolClasses(actor);
  // Null unless the person is a pupil of the actor's school.
  const pupil = await pupilClass(actor, user.id);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/users" className="text-accent underline">← Пользователи</Link>
        <h1 className="mt-2 text-2xl font-bold">{user.lastName} {user.firstName} {user.middleName}</h1>
        <p className="text-muted">Логин: <span className="font-mono">{user.login ?? 'не выдан'}</span> · {user.active ? 'активен' : 'отключён'} · открытых сеансов: {user.sessions.length}</p>
      </div>
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-line bg-white p-4">
        <dt className="text-muted">Роли</dt><dd>{user.roles.map((r) => ROLE_LABELS[r.role]).join(', ') || '—'}</dd>
        <dt className="text-muted">Почта</dt><dd>{user.email ?? '—'}</dd>
        <dt className="text-muted">Телефон</dt><dd>{user.phone ?? '—'}</dd>
        <dt className="text-muted">Классное руководство</dt><dd>{user.classesTaught.map((c) => `${c.gradeLevel}${c.letter}`).join(', ') || '—'}</dd>
        {user.children.length > 0 && (<><dt className="text-muted">Дети</dt><dd>{user.children.map((c) => <Link key={c.student.id} className="mr-2 text-accent underline" href={`/admin/users/${c.student.id}`}>{c.student.lastName} {c.student.firstName}</Link>)}</dd></>)}
        {user.guardians.length > 0 && (<><dt className="text-muted">Родители</dt><dd>{user.guardians.map((g) => <Link key={g.parent.id} className="mr-2 text-accent underline" href={`/admin/users/${g.parent.id}`}>{g.parent.lastName} {g.parent.firstName}</Link>)}</dd></>)}
      </dl>
      {pupil && <PupilClass userId={user.id} view={pupil} canManage={actor.permissions.has('users:manage')} />}
      {actor.permissions.has('users:manage') && (
        <UserCommands
          userId={user.id}
          active={user.active}
          currentRoles={user.roles.map((r) => r.role)}
          roles={ALL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          canSetRoles={actor.permissions.has('roles:manage')}
          isTeacher={user.roles.some((r) => r.role === 'TEACHER')}
          isParent={user.roles.some((r) => r.role === 'PARENT')}
          permissions={(Object.keys(PERMISSIONS) as Permission[]).filter((p) => !ROLE_BOUND_PERMISSIONS[p]).map((p) => ({ value: p, label: PERMISSIONS[p], granted: user.permissions.some((g) => g.permission === p) }))}
          childrenList={user.children.map((c) => ({ id: c.student.id, name: `${c.student.lastName} ${c.student.firstName}` }))}
          classes={classes.map((c) => ({ id: c.id, name: c.name, classTeacherId: c.classTeacherId, classTeacherName: c.classTeacherName }))}
        />
      )}
    </div>
  );
}
