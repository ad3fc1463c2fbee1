import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { consentHistory } from '@/lib/data/consents';
import { CURRENT_DOCUMENT_VERSION, DECISION_LABELS, DELIVERY_LABELS } from '../labels';
import { ConsentForm } from './consent-form';

export const metadata = { title: 'Согласие на обработку персональных данных' };

type Props = { params: Promise<{ studentId: string }> };

export default async function StudentConsentPage({ params }: Props) {
  const user = await requireUser();
  if (!user.permissions.has('consent:manage')) redirect('/forbidden');
  const studentId = parseId((await params).studentId);
  if (studentId === null) notFound();
  const history = await consentHistory(user, studentId);
  if (!history) notFound();
  const { student, rows } = history;
  const inForce = rows[0];
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/consents" className="text-accent underline">← Все согласия</Link>
        <h1 className="mt-2 text-2xl font-bold">{student.name}{student.className && <span className="font-normal text-muted">, {student.className}</span>}</h1>
        <p className="mt-1" role="status">
          {inForce ? (
            <>Действует: <b className={inForce.decision === 'GRANTED' ? 'text-ok' : 'text-danger'}>{DECISION_LABELS[inForce.decision]}</b> (версия {inForce.documentVersion}),
              доставка — {DELIVERY_LABELS[inForce.deliveryPreference].toLowerCase()}, с {inForce.recordedAtText}</>
          ) : (
            <>Согласие не оформлено: семья получает бумажные выписки.</>
          )}
        </p>
      </div>
      <section aria-labelledby="new-decision" className="max-w-xl">
        <h2 id="new-decision" className="mb-2 text-xl font-bold">Новое решение</h2>
        <ConsentForm studentId={student.id} guardians={student.guardians} defaultVersion={inForce?.documentVersion ?? CURRENT_DOCUMENT_VERSION} />
      </section>
      <section aria-labelledby="history">
        <h2 id="history" className="mb-2 text-xl font-bold">История</h2>
        {rows.length === 0 ? (
          <p className="text-muted">Записей пока нет.</p>
        ) : (
          <div role="region" aria-labelledby="history" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-white">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-line bg-accent-soft">
                <tr>
                  <th scope="col" className="px-3 py-2">Записано</th><th scope="col" className="px-3 py-2">Решение</th><th scope="col" className="px-3 py-2">Родитель</th>
                  <th scope="col" className="px-3 py-2">Версия</th><th scope="col" className="px-3 py-2">Доставка</th><th scope="col" className="px-3 py-2">Контакты</th>
                  <th scope="col" className="px-3 py-2">Кто записал</th><th scope="col" className="px-3 py-2">Примечание</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.id} className={`border-b border-line align-top last:border-0 ${i === 0 ? 'bg-accent-soft/40' : 'text-muted'}`}>
                    <td className="px-3 py-2 whitespace-nowrap">{r.recordedAtText}{i === 0 && <span className="block text-xs font-bold text-ink">действует</span>}</td>
                    <td className={`px-3 py-2 font-bold ${r.decision === 'GRANTED' ? 'text-ok' : 'text-danger'}`}>{DECISION_LABELS[r.decision]}</td>
                    <td className="px-3 py-2">{r.guardian?.name ?? '—'}</td>
                    <td className="px-3 py-2">{r.documentVersion}</td>
                    <td className="px-3 py-2">{DELIVERY_LABELS[r.deliveryPreference]}</td>
                    <td className="px-3 py-2">{[r.contactEmail, r.contactPhone].filter(Boolean).join(', ') || '—'}</td>
                    <td className="px-3 py-2">{r.recordedBy.name}</td>
                    <td className="px-3 py-2">{r.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
