/**
 * Field builders the contracts share, so every form says the same thing in Chinese for the same
 * mistake: a date that is not YYYY-MM-DD or not a real day, a required line left empty, a text
 * over its length. Names and lines refuse control and bidi characters (plainName), free text
 * refuses NUL (plainText): common/src/text.ts.
 */
import { z } from 'zod';
import { plainName, plainText } from './text.js';

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30). */
export const IsoDate = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label}不是有效日期`);

/** A required one-line text (a title, a place, a name). */
export const Line = (label: string, max: number) =>
  plainName(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(1, `请填写${label}`)
      .max(max, `${label}最多 ${max} 个字`),
    label,
  );

/** An optional one-line text; null clears it. */
export const OptLine = (label: string, max: number) =>
  plainName(
    z
      .string({ error: `${label}应为文字` })
      .trim()
      .max(max, `${label}最多 ${max} 个字`),
    label,
  )
    .optional()
    .nullable();

/** An optional free text (notes, descriptions); null clears it. */
export const OptText = (label: string, max: number) =>
  plainText(
    z
      .string({ error: `${label}应为文字` })
      .trim()
      .max(max, `${label}最多 ${max} 个字`),
    label,
  )
    .optional()
    .nullable();
