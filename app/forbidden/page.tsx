import Link from 'next/link';

export const metadata = { title: 'Нет доступа' };

export default function ForbiddenPage() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="mb-3 text-2xl font-bold">Нет доступа</h1>
      <p className="mb-6 text-muted">У вашей учётной записи нет прав на эту страницу. Если это ошибка, обратитесь к администратору школы.</p>
      <Link href="/" className="text-accent underline">На главную</Link>
    </main>
  );
}
