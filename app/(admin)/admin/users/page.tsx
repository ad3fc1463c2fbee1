import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { ALL_ROLES, ROLE_LABELS } from '@/lib/auth/permissions';
import { listUsers, schoolClasses } from '@/lib/data/users';
import { pageLinks } from '@/lib/domain/paging';
import { redirect } from 'next/navigation';

export const metadata = { title: 'Пользователи' };

type Params = { q?: string; role?: string; classId?: string; page?: string };
type Props = { searchParams: Promise<Params> };

/** The list's address at `page`, keeping the search and filters. */
function pageHref(params: Params, page: number): string {
  const qs = new URLSearchParams({ ...(params.q ? { q: params.q } : {}), ...(params.role ? { role: params.role } : {}), ...(params.classId ? { classId: params.classId } : {}), page: String(page) });
  return `/admin/users?${qs}`;
}

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
        <nav aria-label="Страницы" className="mt-3 flex flex-wrap items-center gap-2">
          {result.page > 1 && <Link href={pageHref(params, result.page - 1)} rel="prev" className="rounded border border-line px-3 py-1">← Назад</Link>}
          {pageLinks(result.page, result.pages).map((p, i) => p === 'gap'
            ? <span key={`gap${i}`} aria-hidden="true" className="px-1 text-muted">…</span>
            : <Link key={p} href={pageHref(params, p)} aria-current={p === result.page ? 'page' : undefined} className={`rounded px-3 py-1 ${p === result.page ? 'bg-accent text-white' : 'border border-line'}`}>{p}</Link>)}
          {result.page < result.pages && <Link href={pageHref(params, result.page + 1)} rel="next" className="rounded border border-line px-3 py-1">Вперёд →</Link>}
          <form className="ml-auto flex items-center gap-2 text-sm">
            {params.q && <input type="hidden" name="q" value={params.q} />}
            {params.role && <input type="hidden" name="role" value={params.role} />}
            {params.classId && <input type="hidden" name="classId" value={params.classId} />}
            <label className="flex items-center gap-2">Страница
              <input name="page" type="number" min={1} max={result.pages} defaultValue={result.page} className="w-20 rounded-md border border-line px-2 py-1" />
            </label>
            <span className="text-muted">из {result.pages}</span>
            <button className="rounded-md border border-accent px-3 py-1 text-accent">Перейти</button>
          </form>
        </nav>
      )}
    </div>
  );
}
