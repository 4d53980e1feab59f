// How figures read: bounds in words, money with its currency, rates per unit, field names as words.
import type { QuantityBound } from './gql/graphql.js';

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
  const value = Number(amount);
  const cents = bound === 'EXACT' && currency !== 'KRW';
  const full = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: cents ? 2 : 0,
  }).format(value);
  const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return `${boundPrefix[bound]}${full} (${compact})`;
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
