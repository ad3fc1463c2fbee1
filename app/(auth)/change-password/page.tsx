import { requireUser } from '@/lib/auth/current-user';
import { SignOut } from '@/components/ui/sign-out';
import { ChangePasswordForm } from './change-password-form';

export const metadata = { title: 'Смена пароля' };

export default async function ChangePasswordPage() {
  const user = await requireUser({ allowPasswordChange: true });
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="mb-2 text-2xl font-bold">Смена пароля</h1>
      <p className="mb-6 text-muted">
        {user.mustChangePassword
          ? 'Вы вошли по временному паролю. Придумайте свой пароль: не короче 10 символов и не из списка распространённых.'
          : 'Пароль не короче 10 символов и не из списка распространённых.'}
      </p>
      <ChangePasswordForm />
      {/* Someone given a printed slip may have signed in on a shared computer: they can leave without changing it. */}
      <div className="mt-8 border-t border-line pt-4 text-sm text-muted">
        <p className="mb-2">Не сейчас? Выйдите, чтобы никто не вошёл под вашим именем.</p>
        <SignOut />
      </div>
    </main>
  );
}
