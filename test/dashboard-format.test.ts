// The dashboard's formatting rules (web/format.ts), which the browser test sees only through the
// data it has: a rounded figure never claims more than its bound says.
import { describe, expect, it } from 'vitest';
import { compactMoney, datePrecise, fullMoney, megawatts } from '../web/format.js';

describe('compactMoney', () => {
  it('rounds a floor down and a ceiling up, so "at least" and "up to" stay true', () => {
    expect(compactMoney('1890000000', 'USD', 'AT_LEAST')).toBe('at least $1.8B');
    expect(compactMoney('1810000000', 'USD', 'UP_TO')).toBe('up to $1.9B');
    expect(compactMoney('1850000000', 'EUR', 'APPROXIMATE')).toBe('≈ €1.9B');
  });

  it('marks an exact amount that rounding changed as approximate, and only then', () => {
    expect(compactMoney('1810884124.31', 'USD', 'EXACT')).toBe('≈ $1.8B');
    expect(compactMoney('500000000.00', 'GBP', 'EXACT')).toBe('£500M');
    expect(compactMoney('32000000000', 'USD', 'AT_LEAST')).toBe('at least $32B');
  });

  it('keeps the full amount with its bound for names and panels', () => {
    expect(fullMoney('3000000000', 'USD', 'APPROXIMATE')).toBe('≈ $3,000,000,000');
    expect(fullMoney('500000000', 'GBP', 'EXACT')).toBe('£500,000,000.00');
    expect(fullMoney('1000000', 'JPY', 'EXACT')).toBe('¥1,000,000');
  });
});

describe('megawatts and dates', () => {
  it('reads a power figure with its bound or as a range', () => {
    expect(megawatts({ mw: '500', mwHigh: null, bound: 'UP_TO' })).toBe('up to 500 MW');
    expect(megawatts({ mw: '15', mwHigh: '20', bound: 'APPROXIMATE' })).toBe('≈ 15–20 MW');
    expect(megawatts({ mw: '1400', mwHigh: null, bound: 'EXACT' })).toBe('1,400 MW');
  });

  it('shows a date no more precisely than the sources give it', () => {
    expect(datePrecise('2025-06-11', 'DAY')).toBe('2025-06-11');
    expect(datePrecise('2025-06-01', 'MONTH')).toBe('2025-06');
    expect(datePrecise('2026-04-01', 'QUARTER')).toBe('Q2 2026');
    expect(datePrecise('2026-07-01', 'HALF')).toBe('H2 2026');
    expect(datePrecise('2026-06-01', 'SEASON')).toBe('summer 2026');
    expect(datePrecise('2024-01-01', 'YEAR')).toBe('2024');
  });
});
