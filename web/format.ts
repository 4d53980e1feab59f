// How figures read: bounds in words, money with its currency, rates per unit, field names as words.
import type { DatePrecision, PhaseStatus, ProgramStatus, QuantityBound } from './gql/graphql.js';

export const integer = new Intl.NumberFormat('en-US');
export const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

export const boundPrefix: Record<QuantityBound, string> = { EXACT: '', APPROXIMATE: '≈ ', AT_LEAST: 'at least ', UP_TO: 'up to ' };
export const boundWords: Record<QuantityBound, string> = {
  EXACT: 'exact',
  APPROXIMATE: 'approximate',
  AT_LEAST: 'at least',
  UP_TO: 'up to',
};

export function bounded(quantity: number, bound: QuantityBound): string {
  return `${boundPrefix[bound]}${integer.format(quantity)}`;
}

/** An amount with its bound; an inexact one without cents, since "about USD 3 billion" has none. */
export function money(amount: string, currency: string, bound: QuantityBound = 'EXACT'): string {
  const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(Number(amount));
  return `${fullMoney(amount, currency, bound)} (${compact})`;
}

/** The amount in full with its bound: "≈ $3,000,000,000", "£500,000,000.00". */
export function fullMoney(amount: string, currency: string, bound: QuantityBound = 'EXACT'): string {
  const cents = bound === 'EXACT' && currency !== 'KRW' && currency !== 'JPY';
  const full = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: cents ? 2 : 0,
  }).format(Number(amount));
  return `${boundPrefix[bound]}${full}`;
}

/** A rate per unit of the base currency: "1 USD = 1,431.7 KRW". */
export function perUnit(rate: { baseCurrency: string; quoteCurrency: string; rate: string }): string {
  const value = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 }).format(Number(rate.rate));
  return `1 ${rate.baseCurrency} = ${value} ${rate.quoteCurrency}`;
}

export const rateKinds: Record<string, string> = {
  MARKET: 'market rate',
  SOURCE_CONVERSION: "a source's own rounded conversion",
};

/** Words for the fields citations and discrepancies are about, instead of API field names. */
const fieldLabels: Record<string, string> = {
  quantity: 'the GPU figure',
  bound: 'how the figure is bounded',
  gpuModel: 'the GPU model',
  gpuModels: 'the GPU models',
  installedBaseGpus: 'capacity before the programme',
  statedCapacityAfter: 'capacity after the programme',
  statedGpuTotal: 'the programme total',
  statedGpuTotalBound: 'how the programme total is bounded',
  announcedOn: 'the announcement date',
  amount: 'the amount',
  investors: 'who invests',
  participants: 'who takes part',
  technologies: 'technologies',
};

export function fieldLabel(field: string): string {
  return fieldLabels[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export const domainLabels: Record<string, string> = {
  SOVEREIGN_AI: 'Sovereign AI',
  SEMICONDUCTORS: 'Semiconductors',
  INDUSTRIAL_CLOUD: 'Industrial cloud',
  MOBILITY: 'Mobility',
  PHYSICAL_AI: 'Physical AI',
  TELECOMMUNICATIONS: 'Telecommunications',
  QUANTUM_COMPUTING: 'Quantum computing',
  OTHER: 'Other',
};

export function humanize(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
}

const compactScale: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/**
 * An amount short enough to compare at a glance ("≈ $87B", "at least $32B"), rounded so it never
 * claims more than the bound: a floor rounds down, a ceiling up; an exact amount that rounding
 * changed reads "≈". The full amount goes in the figure's accessible name and its panel.
 */
export function compactMoney(amount: string, currency: string, bound: QuantityBound): string {
  const value = Number(amount);
  // `roundingMode` is ES2023 (Chromium 106+); TypeScript's lib here does not type it yet.
  const options = {
    style: 'currency',
    currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
    roundingMode: bound === 'AT_LEAST' ? 'floor' : bound === 'UP_TO' ? 'ceil' : 'halfExpand',
  } as Intl.NumberFormatOptions;
  const format = new Intl.NumberFormat('en-US', options);
  const parts = format.formatToParts(value);
  const digits = Number(
    parts
      .filter((part) => part.type === 'integer' || part.type === 'decimal' || part.type === 'fraction')
      .map((part) => (part.type === 'decimal' ? '.' : part.value))
      .join(''),
  );
  const scale = compactScale[parts.find((part) => part.type === 'compact')?.value ?? ''] ?? 1;
  const rounded = Math.abs(digits * scale - value) > 0.005;
  const prefix = bound === 'EXACT' ? (rounded ? '≈ ' : '') : boundPrefix[bound];
  return `${prefix}${format.format(value)}`;
}

/** A date as precisely as the sources give it: "2025-06" for June 2025, "Q2 2026", "2024". */
export function datePrecise(date: string, precision: DatePrecision): string {
  const [year, month] = date.split('-');
  const m = Number(month);
  switch (precision) {
    case 'DAY':
      return date;
    case 'MONTH':
      return `${year}-${month}`;
    case 'QUARTER':
      return `Q${Math.ceil(m / 3)} ${year}`;
    case 'HALF':
      return `H${m <= 6 ? 1 : 2} ${year}`;
    case 'SEASON':
      return `${['winter', 'winter', 'spring', 'spring', 'spring', 'summer', 'summer', 'summer', 'autumn', 'autumn', 'autumn', 'winter'][m - 1]} ${year}`;
    case 'YEAR':
      return year ?? date;
  }
}

const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** "up to 500 MW", "15–20 MW", "≈ 1,000 MW". */
export function megawatts(power: { mw: string; mwHigh: string | null; bound: QuantityBound }): string {
  const low = decimal.format(Number(power.mw));
  if (power.mwHigh !== null) return `${power.bound === 'APPROXIMATE' ? '≈ ' : ''}${low}–${decimal.format(Number(power.mwHigh))} MW`;
  return `${boundPrefix[power.bound]}${low} MW`;
}

/** A programme's status in words, as the world table and the programme's view show it. */
export const programStatusLabels: Record<ProgramStatus, string> = {
  PROPOSED: 'Proposed',
  ANNOUNCED: 'Announced',
  UNDER_CONSTRUCTION: 'Under construction',
  OPERATIONAL: 'Operational',
  ON_HOLD: 'On hold',
  CANCELLED: 'Cancelled',
};

export const phaseStatusLabels: Record<PhaseStatus, string> = {
  PLANNED: 'Planned',
  ACHIEVED: 'Reached',
  DELAYED: 'Delayed',
  ON_HOLD: 'On hold',
  CANCELLED: 'Cancelled',
};
