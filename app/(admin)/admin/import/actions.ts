'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { previewImport, runImport, type ImportPreview, type ImportSummary } from '@/lib/data/import';
import { decodeCsv, IMPORT_MAX_BYTES, tooBigMessage } from '@/lib/data/import-parse';

export type ImportState = {
  stage: 'upload' | 'preview' | 'done';
  /** The uploaded file as text, sent back with the confirmation and checked again. */
  csv?: string;
  fileName?: string;
  preview?: ImportPreview;
  summary?: ImportSummary;
  errors?: Record<string, string>;
};

const fileSchema = z
  .instanceof(File, { message: 'Выберите файл CSV' })
  .refine((f) => f.size > 0, 'Выберите файл CSV')
  .refine((f) => f.size <= IMPORT_MAX_BYTES, { message: 'too-big' })
  .refine((f) => /\.(csv|txt)$/i.test(f.name), 'Нужен файл CSV. В Excel: «Файл → Сохранить как → CSV (разделители — точка с запятой)»');

const csvSchema = z
  .string({ error: 'Файл не передан — загрузите его снова' })
  .min(1, 'Файл не передан — загрузите его снова')
  .refine((s) => new TextEncoder().encode(s).length <= IMPORT_MAX_BYTES, { message: 'too-big' });

const intentSchema = z.enum(['preview', 'confirm', 'reset']);

export async function importAction(prev: ImportState, form: FormData): Promise<ImportState> {
  return answerErrors('importAction', (form): ImportState => ({ ...prev, errors: { form } }), async (): Promise<ImportState> => {
    const actor = await getCurrentUser();
    if (!actor) return { ...prev, errors: { form: SESSION_ENDED } };
    const intent = intentSchema.safeParse(form.get('intent'));
    if (!intent.success || intent.data === 'reset') return { stage: 'upload' };

    if (intent.data === 'preview') {
      const file = fileSchema.safeParse(form.get('file'));
      if (!file.success) {
        const message = file.error.issues[0].message;
        const size = form.get('file') instanceof File ? (form.get('file') as File).size : 0;
        return { stage: 'upload', errors: { file: message === 'too-big' ? tooBigMessage(size) : message } };
      }
      const csv = decodeCsv(new Uint8Array(await file.data.arrayBuffer()));
      const result = await previewImport(actor, csv);
      if (!result.ok) return { stage: 'upload', errors: { form: result.error } };
      return { stage: 'preview', csv, fileName: file.data.name, preview: result.preview };
    }

    const csv = csvSchema.safeParse(form.get('csv'));
    if (!csv.success) {
      const message = csv.error.issues[0].message;
      return { stage: 'upload', errors: { file: message === 'too-big' ? tooBigMessage(IMPORT_MAX_BYTES + 1) : message } };
    }
    const result = await runImport(actor, csv.data);
    if (!result.ok) {
      const preview = 'preview' in result ? result.preview : undefined;
      return { stage: 'preview', csv: csv.data, fileName: prev.fileName, preview: preview ?? prev.preview, errors: { form: result.error } };
    }
    revalidatePath('/admin/users');
    revalidatePath('/admin/credentials');
    revalidatePath('/admin/consents');
    return { stage: 'done', fileName: prev.fileName, summary: result.summary };
  });
}
