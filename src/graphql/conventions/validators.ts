// Input rules shared by the mutations, as zod schemas run by @pothos/plugin-validation; every
// violation reaches the client as a ValidationError naming the field.
import { z } from 'zod';
import { minorUnitDigits, plainDecimal } from '../../domain/money.js';
import { textProblem } from '../../domain/text-rules.js';

/**
 * The text rules of src/domain/text-rules.ts as a zod check, run before any trim so a leading
 * line break is refused rather than silently removed. Every string rule below starts from one of these two.
 */
function text(multiLine: boolean) {
  return z.string().superRefine((value, context) => {
    const problem = textProblem(value, multiLine);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}
const line = () => text(false);
const lines = () => text(true);

export const slug = line()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens, starting with a letter or digit')
  .max(80, 'at most 80 characters');

export const name = line().trim().min(1, 'must not be empty').max(300, 'at most 300 characters');
export const optionalText = lines().max(5000, 'at most 5000 characters');
export const longText = lines().trim().min(1, 'must not be empty').max(5000, 'at most 5000 characters');

/** GPUs in one allocation: a positive whole number, at most 100 million (the database's limit too). */
export const quantity = z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000_000, 'at most 100,000,000');
export const nonNegativeCount = z.number().int('must be a whole number').min(0, 'must not be negative');
export const positiveCount = z.number().int('must be a whole number').min(1, 'must be positive');

export const currency = line().refine(
  (code) => /^[A-Z]{3}$/.test(code) && minorUnitDigits(code) !== undefined,
  'must be an ISO 4217 currency code such as USD',
);
export const country = line().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as KR');
export const url = line().pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000, 'at most 2000 characters'));
export const language = line().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as ko or en-US');
export const positiveDecimal = line()
  .regex(plainDecimal, 'must be a plain decimal such as 1426.5')
  .refine((value) => /[1-9]/.test(value), 'must be greater than zero');
export const technologies = z.array(line().trim().min(1).max(100)).max(50, 'at most 50 technologies');
export const aliases = z.array(line().trim().min(1).max(200)).max(50, 'at most 50 aliases');
export const publishedAt = line().regex(
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/,
  'must be an ISO 8601 date or date-time with offset',
);

/** The rules whose fields may span lines; writes.ts says so in those fields' descriptions. */
export const multiLineRules: ReadonlySet<unknown> = new Set([optionalText, longText]);
