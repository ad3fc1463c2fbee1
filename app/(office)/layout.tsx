import { SignedInLayout } from '@/components/ui/signed-in-layout';

export default function Layout({ children }: { children: React.ReactNode }) {
  return <SignedInLayout>{children}</SignedInLayout>;
}
