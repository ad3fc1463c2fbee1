import { requireUser } from '@/lib/auth/current-user';

export const metadata = { title: 'Главная' };

export default async function OfficePage() {
  const user = await requireUser();
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">Здравствуйте, {user.firstName}!</h1>
      <p className="text-muted">Разделы для вашей роли появятся в меню, когда администратор выдаст права.</p>
    </div>
  );
}
