// Exact money arithmetic: no floating point between the database and the response.
import { describe, expect, it } from 'vitest';
import { convertMinorUnits, fromMinorUnits, toMinorUnits } from '../src/domain/money.js';

describe('minor units', () => {
  it('follow ISO 4217 digits both ways', () => {
    expect(toMinorUnits('3000000000', 'USD')).toBe(300_000_000_000n);
    expect(toMinorUnits('12.5', 'USD')).toBe(1250n);
    expect(toMinorUnits('4000000000000', 'KRW')).toBe(4_000_000_000_000n);
    expect(fromMinorUnits(300_000_000_000n, 'USD')).toBe('3000000000.00');
    expect(fromMinorUnits(4_000_000_000_000n, 'KRW')).toBe('4000000000000');
    expect(fromMinorUnits(5n, 'USD')).toBe('0.05');
  });

  it('refuse what they cannot represent exactly', () => {
    expect(() => toMinorUnits('1.001', 'USD')).toThrow(RangeError);
    expect(() => toMinorUnits('1.5', 'KRW')).toThrow(RangeError);
    expect(() => toMinorUnits('1e9', 'USD')).toThrow(RangeError);
    expect(() => toMinorUnits('10', 'ZZZ')).toThrow(RangeError);
  });

  it('stay exact beyond 2^53', () => {
    const huge = 2n ** 60n + 1n;
    expect(toMinorUnits(fromMinorUnits(huge, 'USD'), 'USD')).toBe(huge);
  });
});

describe('conversion with a stated rate', () => {
  const seedRate = { baseCurrency: 'USD', quoteCurrency: 'KRW', baseAmount: '3000000000', quoteAmount: '4000000000000' };

  it('turns USD 3 billion into KRW 4 trillion with the seed rate, and back', () => {
    expect(convertMinorUnits(300_000_000_000n, 'USD', 'KRW', seedRate)).toBe(4_000_000_000_000n);
    expect(convertMinorUnits(4_000_000_000_000n, 'KRW', 'USD', seedRate)).toBe(300_000_000_000n);
  });

  it("rounds once, half up, at the target currency's precision", () => {
    // USD 1.00 at 4000/3 KRW per USD = KRW 1333.33… → 1333
    expect(convertMinorUnits(100n, 'USD', 'KRW', seedRate)).toBe(1333n);
    // USD 0.02 → KRW 26.66… → 27
    expect(convertMinorUnits(2n, 'USD', 'KRW', seedRate)).toBe(27n);
    const decimalRate = { baseCurrency: 'EUR', quoteCurrency: 'USD', baseAmount: '1', quoteAmount: '1.0825' };
    expect(convertMinorUnits(200n, 'EUR', 'USD', decimalRate)).toBe(217n); // 2.165 → 2.17
  });

  it('refuses a rate for another pair', () => {
    expect(() => convertMinorUnits(1n, 'EUR', 'KRW', seedRate)).toThrow(RangeError);
  });
});
