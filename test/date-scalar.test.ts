// The Date scalar sends a date it accepted once without graphql-scalars' check again
// (src/graphql/scalars.ts); every other value must still be checked and refused as before.
import { isScalarType } from 'graphql';
import { expect, it } from 'vitest';
import { schema } from '../src/graphql/index.js';

const date = schema.getType('Date');
if (!isScalarType(date)) throw new Error('Date is not a scalar');

it('sends a valid date as it is, the first time and again', () => {
  expect(date.serialize('2025-10-31')).toBe('2025-10-31');
  expect(date.serialize('2025-10-31')).toBe('2025-10-31');
  expect(date.serialize('2024-02-29')).toBe('2024-02-29');
});

it('still refuses what is not a calendar date, after valid dates were sent', () => {
  for (let day = 1; day <= 28; day += 1) date.serialize(`2025-02-${String(day).padStart(2, '0')}`);
  expect(() => date.serialize('2025-02-30')).toThrow(/not a valid LocalDate/);
  expect(() => date.serialize('2025-02-30')).toThrow(/not a valid LocalDate/);
  expect(() => date.serialize('2025-2-1')).toThrow(/not a valid LocalDate/);
  expect(() => date.serialize(20251031)).toThrow(/not string/);
  expect(() => date.serialize(null)).toThrow();
});
