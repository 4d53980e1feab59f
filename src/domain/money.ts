// Exact money: amounts travel as decimal strings, are stored as integer minor units, and never
// pass through a floating-point number. Hand-written because the conversion is three lines of
// BigInt arithmetic; a decimal library would add a dependency for no gain here.
import currencyCodes from 'currency-codes';

/** The number of minor-unit digits ISO 4217 gives the currency (USD 2, KRW 0), or undefined if unknown. */
export function minorUnitDigits(currency: string): number | undefined {
  return currencyCodes.code(currency)?.digits;
}

const decimalPattern = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * Converts a non-negative decimal string in major units ("3000000000", "12.5") to integer minor
 * units as a BigInt. Throws a RangeError when the string is not a plain decimal, the currency is
 * not ISO 4217, or the amount has more fraction digits than the currency has minor units.
 */
export function toMinorUnits(amount: string, currency: string): bigint {
  const digits = minorUnitDigits(currency);
  if (digits === undefined) throw new RangeError(`Unknown ISO 4217 currency: ${currency}`);
  const match = decimalPattern.exec(amount);
  if (!match) throw new RangeError(`Not a plain decimal amount: ${amount}`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) {
    throw new RangeError(`${currency} has ${digits} minor-unit digits; ${amount} has more`);
  }
  return BigInt(match[1] + fraction.padEnd(digits, '0'));
}

/** Formats integer minor units as a decimal string in major units with the currency's digits. */
export function fromMinorUnits(minor: bigint | number, currency: string): string {
  const digits = minorUnitDigits(currency);
  if (digits === undefined) throw new RangeError(`Unknown ISO 4217 currency: ${currency}`);
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const text = (value < 0n ? -value : value).toString().padStart(digits + 1, '0');
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
