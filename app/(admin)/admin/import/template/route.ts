// A sample CSV with the expected header, in the form Russian Excel opens directly (BOM, «;»).
import { getCurrentUser } from '@/lib/auth/current-user';
import { IMPORT_COLUMNS } from '@/lib/data/import-parse';

const SAMPLE = [
  Object.values(IMPORT_COLUMNS),
  ['Иванов', 'Пётр', 'Сергеевич', '05.03.2013', '7А', 'Иванова', 'Ольга', 'Николаевна', '+7 912 345-67-89', 'olga@example.ru'],
  ['Иванова', 'Мария', 'Сергеевна', '10.10.2015', '5Б', 'Иванова', 'Ольга', 'Николаевна', '+7 912 345-67-89', 'olga@example.ru'],
  ['Смирнов', 'Антон', '', '01.01.2013', '7А', '', '', '', '', ''],
];

export async function GET(): Promise<Response> {
  const actor = await getCurrentUser();
  if (!actor?.permissions.has('users:manage')) return new Response('Недостаточно прав', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const csv = '\uFEFF' + SAMPLE.map((row) => row.join(';')).join('\r\n') + '\r\n';
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="import-template.csv"', 'Cache-Control': 'no-store' },
  });
}
