// How grouped totals name their columns and label their groups, for allocation and investment
// totals alike: each key selects `key:K` (its value) and, where it has names, `label:K` and
// `labelKo:K`; a group's label joins its keys' labels with " · ".
import type { AllocationStatus as Status, PartnerKind as Kind } from '../db/enums.js';

/** The row's column names of one grouping key, built once per request (not per group). */
export interface KeyColumns<Key extends string> {
  key: Key;
  value: string;
  label: string;
  labelKo: string;
  /** The English label when the value is null, e.g. "No GPU model stated". */
  fallback?: string;
}

export function keyColumns<Key extends string>(keys: readonly Key[], fallbacks: Partial<Record<Key, string>> = {}): KeyColumns<Key>[] {
  return keys.map((key) => ({
    key,
    value: `key:${key}`,
    label: `label:${key}`,
    labelKo: `labelKo:${key}`,
    ...(fallbacks[key] === undefined ? {} : { fallback: fallbacks[key] }),
  }));
}

/** Readable English and Korean labels for the enum-valued keys. */
const enumLabels: Record<string, [english: string, korean: string]> = {
  GOVERNMENT: ['Government', '정부'],
  COMPANY: ['Company', '기업'],
  CLOUD_PROVIDER: ['Cloud provider', '클라우드 사업자'],
  TELECOM: ['Telecom', '통신사'],
  UNIVERSITY: ['University', '대학'],
  RESEARCH_INSTITUTE: ['Research institute', '연구기관'],
  ANNOUNCED: ['Announced', '발표'],
  CONTRACTED: ['Contracted', '계약'],
  DELIVERING: ['Delivering', '공급 중'],
  OPERATIONAL: ['Operational', '가동'],
} satisfies Record<Kind | Status, [string, string]>;

/**
 * One key's English label: its name, else its enum value's readable name, else the key's
 * fallback, else the value itself (a currency code), else "None".
 */
function englishLabel(value: unknown, name: unknown, fallback: string | undefined): string {
  const named = typeof value === 'string' ? enumLabels[value] : undefined;
  return String(name ?? named?.[0] ?? fallback ?? value ?? 'None');
}

/** One key's Korean label: its Korean name, else its enum value's Korean name, else none. */
function koreanLabel(value: unknown, name: unknown): string | null | undefined {
  return (name ?? (typeof value === 'string' ? enumLabels[value]?.[1] : undefined)) as string | null | undefined;
}

/**
 * A group's labels, each key's by `englishLabel` joined with " · ". `labelKo` is null when no key
 * has a Korean form (`koreanLabel`); otherwise keys without one show their English label.
 */
export function groupLabel(
  columns: readonly KeyColumns<string>[],
  row: Record<string, unknown>,
): { label: string; labelKo: string | null } {
  const labels: string[] = [];
  const koreanLabels: (string | null | undefined)[] = [];
  let anyKorean = false;
  for (const column of columns) {
    const value = row[column.value] ?? null;
    const label = englishLabel(value, row[column.label], column.fallback);
    const korean = koreanLabel(value, row[column.labelKo]);
    labels.push(label);
    koreanLabels.push(korean);
    if (korean) anyKorean = true;
  }
  return {
    label: labels.join(' · '),
    labelKo: anyKorean ? koreanLabels.map((korean, at) => korean ?? labels[at]).join(' · ') : null,
  };
}

/** Where a key's columns sit in an array row (-1: not selected), and its fallback. */
interface KeyPositions {
  valueAt: number;
  labelAt: number;
  labelKoAt: number;
  fallback: string | undefined;
}

/**
 * `groupLabel` for rows read as arrays whose positions `names` names, with the positions looked
 * up once per request: `label(row)` is the English label, `labelKo(row)` the Korean one (or null),
 * each computed only by the fields that read it.
 */
export function groupLabeller(
  columns: readonly KeyColumns<string>[],
  names: readonly string[],
): { label: (row: readonly unknown[]) => string; labelKo: (row: readonly unknown[]) => string | null } {
  const keys: KeyPositions[] = columns.map((column) => ({
    valueAt: names.indexOf(column.value),
    labelAt: names.indexOf(column.label),
    labelKoAt: names.indexOf(column.labelKo),
    fallback: column.fallback,
  }));
  const english = (key: KeyPositions, row: readonly unknown[]): string =>
    englishLabel(row[key.valueAt] ?? null, key.labelAt < 0 ? null : row[key.labelAt], key.fallback);
  const korean = (key: KeyPositions, row: readonly unknown[]): string | null =>
    koreanLabel(row[key.valueAt], key.labelKoAt < 0 ? null : row[key.labelKoAt]) ?? null;
  return {
    label: (row) => {
      let label = english(keys[0]!, row);
      for (let at = 1; at < keys.length; at++) label += ` · ${english(keys[at]!, row)}`;
      return label;
    },
    labelKo: (row) => {
      let labelKo = '';
      let anyKorean = false;
      for (let at = 0; at < keys.length; at++) {
        const key = keys[at]!;
        const name = korean(key, row);
        if (name) anyKorean = true;
        labelKo += (at === 0 ? '' : ' · ') + (name ?? english(key, row));
      }
      return anyKorean ? labelKo : null;
    },
  };
}

/** Reads a key's value from a grouped row: null when the request does not group by it. Built once per request. */
export function keyValueReader<Key extends string>(
  columns: readonly KeyColumns<Key>[],
  key: Key,
): (row: Record<string, unknown>) => unknown {
  const column = columns.find((candidate) => candidate.key === key)?.value;
  return column === undefined ? () => null : (row) => row[column] ?? null;
}
