// Input rules shared by the mutations, as zod schemas run by @pothos/plugin-validation; every
// violation reaches the client as a ValidationError naming the field.
import { z } from 'zod';
import { minorUnitDigits } from '../domain/money.js';

export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens, starting with a letter or digit')
  .max(80, 'at most 80 characters');

export const name = z.string().trim().min(1, 'must not be empty').max(300, 'at most 300 characters');
export const optionalText = z.string().max(5000, 'at most 5000 characters');
export const longText = z.string().trim().min(1, 'must not be empty').max(5000, 'at most 5000 characters');

/** GPUs in one allocation: a positive whole number, at most 100 million (the database's limit too). */
export const quantity = z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000_000, 'at most 100,000,000');
export const nonNegativeCount = z.number().int('must be a whole number').min(0, 'must not be negative');
export const positiveCount = z.number().int('must be a whole number').min(1, 'must be positive');

export const currency = z
  .string()
  .refine((code) => /^[A-Z]{3}$/.test(code) && minorUnitDigits(code) !== undefined, 'must be an ISO 4217 currency code such as USD');
export const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as KR');
export const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000, 'at most 2000 characters');
export const language = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as ko or en-US');
export const positiveDecimal = z
  .string()
  .regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'must be a plain decimal such as 1426.5')
  .refine((value) => /[1-9]/.test(value), 'must be greater than zero');
export const technologies = z.array(z.string().trim().min(1).max(100)).max(50, 'at most 50 technologies');
export const aliases = z.array(z.string().trim().min(1).max(200)).max(50, 'at most 50 aliases');
export const publishedAt = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, 'must be an ISO 8601 date or date-time with offset');
