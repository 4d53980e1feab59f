// Exact money: amounts travel as decimal strings, are stored as integer minor units, and never
// pass through a floating-point number. Hand-written because the conversion is three lines of
// BigInt arithmetic; a decimal library would add a dependency for no gain here.
import currencyCodes from 'currency-codes';

/** The number of minor-unit digits ISO 4217 gives the currency (USD 2, KRW 0), or undefined if unknown. */
export function minorUnitDigits(currency: string): number | undefined {
  return currencyCodes.code(currency)?.digits;
}

/**
 * A plain non-negative decimal: digits without leading zeros, an optional fraction (`1426.5`).
 * The one definition: write validation, the Money scalar (signed) and the stored amounts use it;
 * the database's CHECK (`decimalShape` in src/db/schema.ts) is its looser GLOB form.
 */
export const plainDecimal = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;
/** `plainDecimal` with an optional minus sign: the Money scalar's form. */
export const signedDecimal = new RegExp(`^-?${plainDecimal.source.slice(1)}`);

/**
 * Converts a non-negative decimal string in major units ("3000000000", "12.5") to integer minor
 * units as a BigInt. Throws a RangeError when the string is not a plain decimal, the currency is
 * not ISO 4217, or the amount has more fraction digits than the currency has minor units.
 */
export function toMinorUnits(amount: string, currency: string): bigint {
  const digits = minorUnitDigits(currency);
  if (digits === undefined) throw new RangeError(`Unknown ISO 4217 currency: ${currency}`);
  const match = plainDecimal.exec(amount);
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

/** A decimal string as an integer and a power of ten: "1426.5" → { digits: 14265n, scale: 1 }. */
function scaled(decimal: string): { digits: bigint; scale: number } {
  const match = plainDecimal.exec(decimal);
  if (!match) throw new RangeError(`Not a plain decimal amount: ${decimal}`);
  const fraction = match[2] ?? '';
  return { digits: BigInt(match[1] + fraction), scale: fraction.length };
}

export interface StatedRate {
  baseCurrency: string;
  quoteCurrency: string;
  /** `baseAmount` of the base currency is worth `quoteAmount` of the quote currency. */
  baseAmount: string;
  quoteAmount: string;
}

/**
 * Converts an amount in minor units of `from` into minor units of `to` with a stated rate, in
 * either direction of the rate, exactly up to one final rounding (half up, away from zero).
 */
export function convertMinorUnits(minor: bigint, from: string, to: string, rate: StatedRate): bigint {
  const fromDigits = minorUnitDigits(from);
  const toDigits = minorUnitDigits(to);
  if (fromDigits === undefined || toDigits === undefined) throw new RangeError(`Unknown currency: ${from} or ${to}`);
  let numerator: { digits: bigint; scale: number };
  let denominator: { digits: bigint; scale: number };
  if (rate.baseCurrency === from && rate.quoteCurrency === to) {
    numerator = scaled(rate.quoteAmount);
    denominator = scaled(rate.baseAmount);
  } else if (rate.baseCurrency === to && rate.quoteCurrency === from) {
    numerator = scaled(rate.baseAmount);
    denominator = scaled(rate.quoteAmount);
  } else {
    throw new RangeError(`The rate ${rate.baseCurrency}/${rate.quoteCurrency} does not convert ${from} to ${to}`);
  }
  // value in `to` minor units = minor / 10^fromDigits × (n / 10^ns) / (d / 10^ds) × 10^toDigits
  const top = minor * numerator.digits * 10n ** BigInt(denominator.scale + toDigits);
  const bottom = denominator.digits * 10n ** BigInt(numerator.scale + fromDigits);
  const negative = top < 0n !== bottom < 0n;
  const absTop = top < 0n ? -top : top;
  const absBottom = bottom < 0n ? -bottom : bottom;
  const rounded = (absTop * 2n + absBottom) / (absBottom * 2n);
  return negative ? -rounded : rounded;
}
