import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { ALL_ROLES, ROLE_LABELS } from '@/lib/auth/permissions';
import { listUsers, schoolClasses } from '@/lib/data/users';
import { redirect } from 'next/navigation';

export const metadata = { title: 'Пользователи' };

type Props = { searchParams: Promise<{ q?: string; role?: string; classId?: string; page?: string }> };

export default async function UsersPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const result = await listUsers(user, { q: params.q, role: params.role, classId: parseId(params.classId) ?? undefined, page: Number(params.page) || 1 });
  if (!result) redirect('/forbidden');
  const classes = await schoolClasses(user);
  const canManage = user.permissions.has('users:manage');
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">Пользователи</h1>
        <span className="text-muted">найдено: {result.total}</span>
        {canManage && <Link href="/admin/users/new" className="ml-auto rounded-md bg-accent px-4 py-2 font-bold text-white">Добавить пользователя</Link>}
      </div>
      <form className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-3" role="search">
        <label className="flex flex-col text-sm">Поиск
          <input name="q" defaultValue={params.q} placeholder="Фамилия, имя или логин" className="mt-1 rounded-md border border-line px-3 py-2 text-base" />
        </label>
        <label className="flex flex-col text-sm">Роль
          <select name="role" defaultValue={params.role ?? ''} className="mt-1 rounded-md border border-line px-3 py-2 text-base">
            <option value="">Все роли</option>
            {ALL_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm">Класс
          <select name="classId" defaultValue={params.classId ?? ''} className="mt-1 rounded-md border border-line px-3 py-2 text-base">
            <option value="">Все классы</option>
            {classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <button className="rounded-md border border-accent px-4 py-2 text-accent">Найти</button>
      </form>
      <div className="overflow-x-auto rounded-lg border border-line bg-white">
        <table className="w-full text-left">
          <thead className="border-b border-line bg-accent-soft text-sm">
            <tr><th className="px-3 py-2">ФИО</th><th className="px-3 py-2">Логин</th><th className="px-3 py-2">Роли</th><th className="px-3 py-2">Класс</th><th className="px-3 py-2">Состояние</th></tr>
          </thead>
          <tbody>
            {result.users.map((u) => (
              <tr key={u.id} className="border-b border-line last:border-0">
                <td className="px-3 py-2"><Link href={`/admin/users/${u.id}`} className="text-accent underline">{u.name}</Link></td>
                <td className="px-3 py-2 font-mono text-sm">{u.login ?? '—'}</td>
                <td className="px-3 py-2 text-sm">{u.roles.map((r) => ROLE_LABELS[r]).join(', ')}</td>
                <td className="px-3 py-2">{u.className ?? ''}</td>
                <td className="px-3 py-2 text-sm">{u.active ? (u.mustChangePassword ? 'временный пароль' : 'активен') : 'отключён'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.pages > 1 && (
        <nav aria-label="Страницы" className="mt-3 flex flex-wrap gap-2">
          {Array.from({ length: result.pages }, (_, i) => i + 1).slice(0, 30).map((p) => {
            const qs = new URLSearchParams({ ...(params.q ? { q: params.q } : {}), ...(params.role ? { role: params.role } : {}), ...(params.classId ? { classId: params.classId } : {}), page: String(p) });
            return <Link key={p} href={`/admin/users?${qs}`} aria-current={p === result.page ? 'page' : undefined} className={`rounded px-3 py-1 ${p === result.page ? 'bg-accent text-white' : 'border border-line'}`}>{p}</Link>;
          })}
        </nav>
      )}
    </div>
  );
}
