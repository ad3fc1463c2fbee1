// Shows a login and a one-time password once, right after they are issued.
export function Credentials({ message, login, password }: { message: string; login: string; password: string }) {
  return (
    <div role="status" className="rounded-lg border border-ok bg-white p-5">
      <p className="mb-3">{message}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-lg">
        <dt className="text-muted">Логин</dt><dd className="font-mono" data-testid="issued-login">{login}</dd>
        <dt className="text-muted">Пароль</dt><dd className="font-mono" data-testid="issued-password">{password}</dd>
      </dl>
    </div>
  );
}
