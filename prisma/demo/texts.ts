// Texts teachers and parents write: homework, short mark comments, absence notes, messages.
import type { LessonKind } from '../../lib/generated/prisma/enums';
import type { SubjectCode } from './curriculum';
import type { Rng } from './rng';

/** Chance that a lesson of the subject gets class homework (the rest have none that day). */
export function homeworkChance(subject: SubjectCode, grade: number): number {
  if (subject === 'pe') return 0.05;
  if (subject === 'music' || subject === 'art' || subject === 'tech' || subject === 'orkse' || subject === 'odnknr') return 0.25;
  // Grade 1 is taught without homework by SanPiN; teachers still post light tasks (reading,
  // a poem to learn) now and then, which is what the brief asks the demo to show.
  if (grade === 1) return 0.3;
  return 0.88;
}

/** The homework for the n-th lesson of a course: textbook sections, exercises and pages grow with n. */
export function homeworkText(subject: SubjectCode, grade: number, n: number, kind: LessonKind, rng: Rng): string {
  const para = Math.max(1, Math.ceil(n / 2));
  const page = 6 + n * 3 + rng.int(0, 2);
  const ex = n * 4 + rng.int(1, 3);
  if (kind === 'TEST') {
    return rng.pick(['Повторить пройденный материал', 'Работа над ошибками в тетради', `Повторить § ${Math.max(1, para - 3)}–${para}`]);
  }
  if (grade === 1) {
    return rng.pick([
      'Прочитать текст на с. ' + page + ' выразительно',
      'Выучить стихотворение на с. ' + page,
      'Нарисовать рисунок к прочитанной сказке',
      'Повторить состав чисел',
      'Прописи: с. ' + Math.ceil(n / 2),
    ]);
  }
  switch (subject) {
    case 'rus':
      return grade <= 4
        ? rng.pick([`Упр. ${ex}, с. ${page}`, `Упр. ${ex}; выучить правило на с. ${page}`, `Словарные слова на с. ${page}, упр. ${ex}`])
        : grade <= 9
          ? rng.pick([`§ ${para}, упр. ${ex}`, `§ ${para}, упр. ${ex}–${ex + 2}`, `Выучить правило § ${para}; упр. ${ex}`, `§ ${para}, упр. ${ex} (письменно)`])
          : rng.pick([`Задания ЕГЭ № ${rng.int(1, 26)}–${rng.int(1, 26) + 3} из сборника`, `Упр. ${ex}, повторить правила на с. ${page}`, 'Написать сочинение по исходному тексту']);
    case 'litread':
      return rng.pick([`Читать с. ${page}–${page + 4}, ответить на вопросы`, `Выразительное чтение с. ${page}`, `Выучить стихотворение на с. ${page} наизусть`, `Пересказ текста на с. ${page}–${page + 3}`]);
    case 'lit':
      return rng.pick([`Прочитать с. ${page}–${page + 12}`, `Ответить на вопросы на с. ${page} письменно`, 'Выучить стихотворение наизусть', `Подготовить пересказ главы, с. ${page}–${page + 8}`, 'Дочитать произведение до конца']);
    case 'eng':
      return rng.pick([`SB p. ${page}, ex. ${rng.int(2, 8)}`, `WB p. ${Math.ceil(page / 2)}, ex. ${rng.int(1, 6)}`, `Учить слова Unit ${Math.ceil(n / 8)}`, `SB p. ${page}, ex. ${rng.int(2, 6)} (читать, переводить)`]);
    case 'math':
    case 'alg':
    case 'geom': {
      const k = grade <= 4 ? n * 2 + rng.int(1, 4) : n * 9 + rng.int(0, 6);
      return grade <= 4
        ? rng.pick([`С. ${page}, № ${k}, ${k + 2}`, `С. ${page}, № ${k} (задача), № ${k + 3}`, 'Повторить таблицу умножения'])
        : rng.pick([`№ ${k}, ${k + 2}, ${k + 5}`, `§ ${para}, № ${k}–${k + 3}`, `№ ${k} (а, б), ${k + 1}`, `П. ${para}, выучить определения; № ${k}`]);
    }
    case 'stat':
      return `§ ${para}, задачи ${ex}, ${ex + 1}`;
    case 'inf':
      return rng.pick([`§ ${para}, вопросы 1–4`, `§ ${para}, задание ${rng.int(1, 6)} в тетради`, 'Доделать программу из практической работы']);
    case 'world':
      return rng.pick([`Учебник с. ${page}–${page + 3}, ответить на вопросы`, `Рабочая тетрадь с. ${Math.ceil(page / 2)}`, 'Подготовить сообщение по теме урока']);
    case 'hist':
    case 'soc':
    case 'geo':
    case 'bio':
    case 'chem':
    case 'obzr':
      return rng.pick([`§ ${para}, вопросы ${rng.int(1, 2)}–${rng.int(3, 5)}`, `§ ${para}, пересказ`, `§ ${para}, заполнить таблицу в тетради`, `§ ${para}, выучить термины`]);
    case 'phys':
      return rng.pick([`§ ${para}, упр. ${Math.ceil(n / 3)} (${rng.int(1, 3)}, ${rng.int(4, 5)})`, `§ ${para}, ответить на вопросы`, `§ ${para}, решить задачи из сборника № ${ex}, ${ex + 1}`]);
    case 'music':
      return rng.pick(['Выучить текст песни', 'Послушать произведение, разобранное на уроке']);
    case 'art':
      return rng.pick(['Принести альбом и гуашь', 'Закончить рисунок', 'Принести цветную бумагу']);
    case 'tech':
      return rng.pick(['Принести материалы для практической работы', 'Закончить изделие', 'Подготовить эскиз проекта']);
    case 'orkse':
    case 'odnknr':
      return rng.pick(['Подготовить рассказ о семейной традиции', 'Прочитать текст урока, ответить на вопросы']);
    case 'project':
      return rng.pick(['Подобрать источники по теме проекта', 'Написать введение к проекту', 'Подготовить слайды презентации']);
    default:
      return 'Повторить материал урока';
  }
}

export function individualHomeworkText(subject: SubjectCode, rng: Rng): string {
  return rng.pick([
    'Индивидуально: работа над ошибками контрольной работы',
    'Индивидуально: выполнить карточку с заданиями по теме',
    subject === 'rus' ? 'Индивидуально: переписать диктант, выделить орфограммы' : 'Индивидуально: разобрать задачи, в которых допущены ошибки',
  ]);
}

export function markComment(value: number, kind: LessonKind, rng: Rng): string {
  if (value <= 2) return rng.pick(['Не выполнено домашнее задание', 'Не готов к уроку', 'Много ошибок, нужна работа над ошибками', 'Подойти на консультацию']);
  if (value === 3) return rng.pick(['Есть ошибки в вычислениях', 'Невнимательно', 'Недостаточно полный ответ', 'Повторить правило']);
  if (kind === 'TEST') return rng.pick(['Отличная работа!', 'Хорошая работа', 'Молодец!']);
  return rng.pick(['Молодец!', 'Активная работа на уроке', 'Хороший ответ', 'Отличный ответ у доски', 'Творческий подход']);
}

export const ATTENDANCE_COMMENTS = {
  ILL: ['Справка', 'Болеет, со слов родителей', 'Справка из поликлиники'],
  EXCUSED: ['По заявлению родителей', 'Соревнования', 'Олимпиада', 'Семейные обстоятельства'],
  LATE: ['Опоздание 10 минут', 'Опоздал'],
} as const;

export const PARENT_QUESTIONS = [
  'Добрый день! Подскажите, пожалуйста, когда будет родительское собрание?',
  'Здравствуйте! Ребёнок болел, подскажите, какие темы нужно догнать?',
  'Добрый вечер! Можно ли пересдать контрольную работу?',
  'Здравствуйте! Завтра ребёнок не придёт, у нас приём у врача. Справку принесём.',
  'Добрый день! Подскажите, нужна ли сменная обувь на экскурсию?',
  'Здравствуйте! Не можем найти домашнее задание по математике, уточните, пожалуйста.',
  'Добрый день! Можно ли забрать ребёнка после четвёртого урока?',
  'Здравствуйте! Когда сдавать деньги на экскурсию?',
] as const;

export const TEACHER_REPLIES = [
  'Добрый день! Собрание в четверг в 18:00 в кабинете класса.',
  'Здравствуйте! Темы есть в электронном дневнике, подойдите ко мне после уроков, всё объясню.',
  'Да, пересдать можно в среду после шестого урока.',
  'Хорошо, спасибо, что предупредили. Выздоравливайте!',
  'Добрый день! Да, обязательно.',
  'Задание уже в дневнике, посмотрите, пожалуйста, ещё раз.',
  'Хорошо, напишите заявление на имя директора.',
  'До пятницы, пожалуйста.',
] as const;

export const ACK_TEXTS = [
  'С итоговыми отметками за четверть ознакомлены.',
  'Ознакомлена с отметками за четверть. Спасибо!',
  'Итоговые отметки видели, спасибо.',
] as const;
