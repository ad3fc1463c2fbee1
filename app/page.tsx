import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { homePathFor } from '@/lib/auth/home';

export default async function HomePage() {
  const user = await requireUser();
  redirect(homePathFor(user));
}
