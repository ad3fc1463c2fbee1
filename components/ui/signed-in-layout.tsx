// Shared by the audience layouts: loads the user once and frames the page.
import { requireUser } from '@/lib/auth/current-user';
import { navigationFor } from '@/lib/auth/navigation';
import { currentClasses } from '@/lib/data/class-list';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { AppShell } from './app-shell';

export async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const roleLabel = user.roles.map((r) => ROLE_LABELS[r]).join(', ');
  // Only a teacher leading several classes needs their names, to tell the «Мой класс» links apart.
  const led = user.classTeacherOf.length > 1 ? await currentClasses(user, 'led') : [];
  return (
    <AppShell userName={`${user.lastName} ${user.firstName}`} roleLabel={roleLabel} nav={navigationFor(user, led)}>
      {children}
    </AppShell>
  );
}
