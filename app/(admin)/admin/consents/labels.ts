// Russian names of consent decisions and delivery forms, shared by the pages and the form.
import type { ConsentDecision, DeliveryPreference } from '@/lib/generated/prisma/enums';

export const DECISION_LABELS: Record<ConsentDecision, string> = { GRANTED: 'Согласие', REFUSED: 'Отказ' };

export const DELIVERY_LABELS: Record<DeliveryPreference, string> = {
  ONLINE: 'Личный кабинет',
  EMAIL: 'Электронная почта',
  PAPER: 'Бумажная выписка',
};

/** The version of the consent form the school uses now; shown as the default in the form. */
export const CURRENT_DOCUMENT_VERSION = '2026-1';
