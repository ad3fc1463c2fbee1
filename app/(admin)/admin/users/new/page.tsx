import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { ALL_ROLES, ROLE_LABELS } from '@/lib/auth/permissions';
import { schoolClasses } from '@/lib/data/users';
import { NewUserForm } from './new-user-form';

export const metadata = { title: 'Новый пользователь' };

export default async function NewUserPage() {
  const user = await requireUser();
  if (!user.permissions.has('users:manage')) redirect('/forbidden');
  const classes = await schoolClasses(user);
  return (
    <div className="max-w-xl">
      <h1 className="mb-4 text-2xl font-bold">Новый пользователь</h1>
      <NewUserForm roles={ALL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} classes={classes.map((c) => ({ id: c.id, name: c.name }))} />
    </div>
  );
}
