import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { IMPORT_COLUMNS } from '@/lib/data/import-parse';
import { ImportForm } from './import-form';

export const metadata = { title: 'Импорт учеников и родителей' };

const REQUIRED = new Set(['Фамилия ученика', 'Имя ученика', 'Дата рождения', 'Класс']);

export default async function ImportPage() {
  const user = await requireUser();
  if (!user.permissions.has('users:manage')) redirect('/forbidden');
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">Импорт учеников и родителей</h1>
        <Link href="/admin/credentials" className="ml-auto rounded-md border border-accent px-4 py-2 text-accent">Логины и пароли</Link>
      </div>
      <section aria-labelledby="format" className="max-w-3xl rounded-lg border border-line bg-white p-5">
        <h2 id="format" className="mb-2 text-lg font-bold">Какой файл нужен</h2>
        <p className="mb-2">
          Таблица CSV с заголовками в первой строке. Одна строка — один ученик и не больше одного родителя. Если у родителя
          несколько детей, повторите его ФИО и тот же телефон или e-mail в строке каждого ребёнка — он будет создан один раз.
        </p>
        <p className="mb-1">Столбцы (обязательные выделены):</p>
        <ul className="mb-3 flex flex-wrap gap-2 text-sm">
          {Object.values(IMPORT_COLUMNS).map((c) => (
            <li key={c} className={`rounded border px-2 py-1 ${REQUIRED.has(c) ? 'border-accent font-bold' : 'border-line'}`}>{c}</li>
          ))}
        </ul>
        <p className="text-sm text-muted">
          Дата рождения — в виде ДД.ММ.ГГГГ, класс — как в школе, например «7А» (класс должен быть создан в текущем учебном году).
          В Excel: «Файл → Сохранить как → CSV UTF-8» или «CSV (разделители — точка с запятой)».{' '}
          <a href="/admin/import/template" className="text-accent underline" download>Скачать образец файла</a>
        </p>
      </section>
      <ImportForm />
    </div>
  );
}
