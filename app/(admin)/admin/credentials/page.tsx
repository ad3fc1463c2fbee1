import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { credentialOverview } from '@/lib/data/credentials';
import { CredentialsForm } from './credentials-form';

export const metadata = { title: 'Логины и пароли' };

export default async function CredentialsPage() {
  const user = await requireUser();
  const classes = await credentialOverview(user);
  if (!classes) redirect('/forbidden');
  const total = classes.reduce((t, c) => ({ pupils: t.pupils + c.pupilsWithout, parents: t.parents + c.parentsWithout, closed: t.closed + c.closed }), { pupils: 0, parents: 0, closed: 0 });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">Логины и пароли</h1>
        <Link href="/admin/import" className="ml-auto rounded-md border border-accent px-4 py-2 text-accent">Импорт учеников и родителей</Link>
      </div>
      <p className="max-w-3xl">
        Система придумает логины и временные пароли и сразу выдаст PDF с листками для печати: по одному на человека, восемь на странице
        с линиями отреза. Пароли нигде не сохраняются в открытом виде и показываются только в этом файле — при первом входе каждый сменит
        свой пароль. Если файл потерян, сформируйте его заново с пунктом «Всем — сбросить пароли». Ученикам и родителям семей, отказавшихся
        от обработки персональных данных в электронной форме, логины не выдаются: электронный дневник им закрыт, выписки они получают на бумаге.
        Родителям, у которых есть и другая роль в школе (учитель, администратор), листки не печатаются — их учётная запись не меняется,
        новый пароль им выдаётся на странице пользователя.
      </p>
      <CredentialsForm classes={classes.map((c) => ({ id: c.id, name: c.name, pupilsWithout: c.pupilsWithout, parentsWithout: c.parentsWithout }))} />
      <section aria-labelledby="by-class">
        <h2 id="by-class" className="mb-2 text-xl font-bold">Кто ещё без логина</h2>
        {classes.length === 0 ? (
          <p className="text-muted">В текущем учебном году нет классов.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-line bg-white">
            <table className="w-full text-left">
              <thead className="border-b border-line bg-accent-soft text-sm">
                <tr><th scope="col" className="px-3 py-2">Класс</th><th scope="col" className="px-3 py-2">Ученики без логина</th><th scope="col" className="px-3 py-2">Родители без логина</th><th scope="col" className="px-3 py-2">Отказ от электронного дневника</th></tr>
              </thead>
              <tbody>
                {classes.map((c) => (
                  <tr key={c.id} className="border-b border-line last:border-0">
                    <th scope="row" className="px-3 py-2">{c.name}</th>
                    <td className="px-3 py-2">{c.pupilsWithout} из {c.pupils}</td>
                    <td className="px-3 py-2">{c.parentsWithout} из {c.parents}</td>
                    <td className="px-3 py-2">{c.closed ? `${c.closed} уч. — логины не выдаются` : '—'}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="border-t border-line text-sm font-bold">
                <tr><th scope="row" className="px-3 py-2">Всего</th><td className="px-3 py-2">{total.pupils}</td><td className="px-3 py-2">{total.parents}</td><td className="px-3 py-2">{total.closed}</td></tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
