import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { consentClasses, currentConsents } from '@/lib/data/consents';
import { DECISION_LABELS, DELIVERY_LABELS } from './labels';

export const metadata = { title: 'Согласия на обработку персональных данных' };

type Props = { searchParams: Promise<{ classId?: string }> };

export default async function ConsentsPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const classId = parseId(params.classId) ?? undefined;
  const pupils = await currentConsents(user, { classId });
  if (!pupils) redirect('/forbidden');
  const classes = await consentClasses(user);
  // A grant whose signer is no longer the pupil's representative counts as none; a refusal stays (OPEN_TO_FAMILY).
  const granted = pupils.filter((p) => !p.signerGone && p.consent?.decision === 'GRANTED').length;
  const refused = pupils.filter((p) => p.consent?.decision === 'REFUSED').length;
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">Согласия на обработку персональных данных</h1>
      <p className="mb-4 max-w-3xl text-muted">
        Действует последнее записанное решение; прежние сохраняются в истории. Пока согласие не оформлено или при отказе семья
        получает сведения об успеваемости на бумаге.
      </p>
      <form className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-3">
        <label className="flex flex-col text-sm">Класс
          <select name="classId" defaultValue={params.classId ?? ''} className="mt-1 rounded-md border border-line px-3 py-2 text-base">
            <option value="">Все классы</option>
            {classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <button className="rounded-md border border-accent px-4 py-2 text-accent">Показать</button>
        <p className="ml-auto text-sm" role="status">
          Учеников: {pupils.length} · согласие: {granted} · отказ: {refused} · не оформлено: {pupils.length - granted - refused}
        </p>
      </form>
      <div className="overflow-x-auto rounded-lg border border-line bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-line bg-accent-soft">
            <tr>
              <th scope="col" className="px-3 py-2">Ученик</th><th scope="col" className="px-3 py-2">Класс</th><th scope="col" className="px-3 py-2">Решение</th>
              <th scope="col" className="px-3 py-2">Версия</th><th scope="col" className="px-3 py-2">Доставка</th><th scope="col" className="px-3 py-2">Контакты</th>
              <th scope="col" className="px-3 py-2">Оформил</th>
            </tr>
          </thead>
          <tbody>
            {pupils.map((p) => {
              const c = p.consent;
              return (
                <tr key={p.studentId} className="border-b border-line align-top last:border-0">
                  <td className="px-3 py-2 text-base"><Link href={`/admin/consents/${p.studentId}`} className="text-accent underline">{p.name}</Link></td>
                  <td className="px-3 py-2">{p.className}</td>
                  {c ? (
                    <>
                      <td className={`px-3 py-2 font-bold ${c.decision === 'GRANTED' ? 'text-ok' : 'text-danger'}`}>{DECISION_LABELS[c.decision]}{c.guardian && <span className="block font-normal text-muted">{c.guardian.name}</span>}
                        {p.signerGone && <span className="block font-normal text-danger">Не действует: подписавший больше не представитель ученика — оформите заново</span>}</td>
                      <td className="px-3 py-2">{c.documentVersion}</td>
                      <td className="px-3 py-2">{DELIVERY_LABELS[c.deliveryPreference]}</td>
                      <td className="px-3 py-2">{[c.contactEmail, c.contactPhone].filter(Boolean).join(', ') || '—'}</td>
                      <td className="px-3 py-2">{c.recordedBy.name}<span className="block text-muted">{c.recordedAtText}</span></td>
                    </>
                  ) : (
                    <td colSpan={5} className="px-3 py-2 text-muted">не оформлено</td>
                  )}
                </tr>
              );
            })}
            {pupils.length === 0 && <tr><td colSpan={7} className="px-3 py-4 text-center text-muted">Учеников не найдено</td></tr>}
          </tbody>
        </table>
      </div>
    </div>
  );
}
