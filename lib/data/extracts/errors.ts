// Refusals of the printing routes as values with an HTTP status and a Russian message, so a
// wrong week, class or pupil becomes a clear 4xx and never an unhandled 500.
export type Refusal = { ok: false; status: 400 | 403 | 404; error: string };
export type Outcome<T> = ({ ok: true } & T) | Refusal;

export const refuse = (status: Refusal['status'], error: string): Refusal => ({ ok: false, status, error });

export const REFUSALS = {
  noPrinting: refuse(403, 'Печать выписок вам недоступна'),
  pupilNotFound: refuse(404, 'Ученик не найден'),
  diaryClosed: refuse(403, 'Электронный дневник закрыт: семья отказалась от обработки персональных данных в электронной форме. Бумажные выписки выдаёт классный руководитель'),
  pupilDenied: refuse(403, 'Выписку этого ученика за эту неделю вам печатать нельзя: доступна выписка своего ребёнка, ученика своего класса за недели, когда он учился в нём, или (администрации) всей школы'),
  classNotFound: refuse(404, 'Класс не найден'),
  classDenied: refuse(403, 'Нет доступа к этому классу'),
  schoolDenied: refuse(403, 'Выписки всей школы печатает только администрация школы'),
  periodNotFound: refuse(404, 'Учебный период не найден для этого класса'),
  reportsDenied: refuse(403, 'Сводная ведомость этого класса вам недоступна'),
} as const;
