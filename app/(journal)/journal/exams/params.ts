// The exam a page or form names: class, kind, subject and date, parsed once for both.
import { z } from 'zod';
import { idField } from '@/lib/ids';
import { isIsoDate } from '@/lib/domain/calendar';

export const examTargetSchema = z.object({
  classId: idField('Выберите класс'),
  kind: z.enum(['OGE', 'EGE', 'GVE'], { error: 'Выберите вид экзамена' }),
  subjectId: idField('Выберите предмет'),
  date: z.string().refine(isIsoDate, 'Укажите дату экзамена'),
});

export type ExamTargetFields = 'classId' | 'kind' | 'subjectId' | 'date';

