// What a parent or pupil sees instead of a diary that the family's refusal closed (seed 000 §1):
// why, where the information comes from now, and how to open the diary again.
import { notFound } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor';
import { closedDiary, type ClosedDiary } from '@/lib/data/diary/closed';
import { ChildSwitcher } from './child-switcher';
import { sectionHref, type DiarySection } from './diary-header';

/**
 * For a diary page whose pupil the actor may not read: the explanation if the family's refusal
 * closed the diary, else notFound(). Called (and awaited) by the page itself, so the 404 is the
 * page's own answer and not a child component's.
 */
export async function closedDiaryOrNotFound(actor: Actor, studentId: number, section: DiarySection) {
  const closed = await closedDiary(actor, studentId);
  if (!closed) notFound();
  return <ClosedDiaryView closed={closed} section={section} />;
}

function ClosedDiaryView({ closed, section }: { closed: ClosedDiary; section: DiarySection }) {
  const { pupil, self } = closed;
  return (
    <div className="mx-auto max-w-3xl">
      <header className="mb-4 space-y-3">
        <h1 className="text-2xl font-bold leading-tight">
          {pupil.lastName} {pupil.firstName}
          {pupil.className && <span className="ml-2 text-lg font-normal text-muted">{pupil.className} класс</span>}
        </h1>
        <ChildSwitcher childList={closed.children} currentId={pupil.id} href={(id) => sectionHref(id, section)} />
      </header>
      <section aria-labelledby="closed-title" className="space-y-3 rounded-lg border border-line bg-white p-5">
        <h2 id="closed-title" className="text-xl font-bold">Электронный дневник закрыт</h2>
        <p>
          В школе оформлен отказ вашей семьи от обработки персональных данных в электронной форме. Поэтому отметки, расписание
          и домашние задания здесь не показываются.
        </p>
        <p>
          {self ? 'Сведения об успеваемости ваши родители получают' : 'Сведения об успеваемости вы получаете'} на бумаге: выписки
          из дневника выдаёт классный руководитель.
        </p>
        <p>
          Чтобы снова пользоваться электронным дневником, {self ? 'родителю нужно' : 'нужно'} подписать в школе согласие на обработку
          персональных данных.
        </p>
      </section>
    </div>
  );
}
