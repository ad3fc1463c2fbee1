// The shape of one journal cell save, checked by the server action and again by the data layer.
import { z } from 'zod';
import { jsonId } from '../../ids';
import { MESSAGES } from './result';

export const cellSaveSchema = z
  .object({
    /** Made by the browser per typed value and reused on retry, so a retried save never writes twice. */
    idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'Неверный ключ запроса'),
    lessonId: jsonId(MESSAGES.lessonNotFound),
    studentId: jsonId(MESSAGES.pupilNotInCourse),
    /** Which mark in the cell: 0 first, 1 second, … */
    position: z.number().int().min(0).max(4).default(0),
    value: z.string().trim().min(1).max(10).optional(),
    code: z.string().trim().min(1).max(4).optional(),
    clear: z.enum(['mark', 'attendance']).optional(),
    workTypeId: jsonId(MESSAGES.badWorkType).optional(),
    comment: z.string().trim().max(500).nullable().optional(),
    /** The version the browser saw; 0 when it saw an empty cell. */
    expectedVersion: z.number().int().min(0),
  })
  .refine((v) => [v.value, v.code, v.clear].filter((x) => x !== undefined).length === 1, {
    message: 'Укажите отметку, код посещаемости или очистку',
    path: ['value'],
  });

export type CellSaveInput = z.input<typeof cellSaveSchema>;
export type CellSave = z.output<typeof cellSaveSchema>;

export type MarkState = { id: number; position: number; value: string; workTypeId: number; comment: string | null; version: number };
export type AttendanceState = { id: number; code: string; comment: string | null; version: number };

export type CellConflict = {
  target: 'mark' | 'attendance';
  /** What the cell holds now (null: empty), its version (0: no record) and who set it. */
  value: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
};

export type CellSaveResult =
  | { ok: true; target: 'mark'; position: number; mark: MarkState | null }
  | { ok: true; target: 'attendance'; attendance: AttendanceState | null }
  | { ok: false; error: string; field?: string }
  | { ok: false; conflict: CellConflict };
