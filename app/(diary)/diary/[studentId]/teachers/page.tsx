// The teachers now sit on the schedule page; this address stays for old links and bookmarks.
import { redirect } from 'next/navigation';

export default async function DiaryTeachersPage({ params }: { params: Promise<{ studentId: string }> }) {
  const { studentId } = await params;
  redirect(`/diary/${encodeURIComponent(studentId)}/schedule#teachers`);
}
