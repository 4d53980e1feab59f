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
 * A group's labels: per key its name, else its enum value's readable name, else the key's
 * fallback, else the value itself (a currency code), else "None". `labelKo` is null when no key
 * has a Korean form; otherwise keys without one show their English label.
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
    const named = typeof value === 'string' ? enumLabels[value] : undefined;
    const label = String(row[column.label] ?? named?.[0] ?? column.fallback ?? value ?? 'None');
    const korean = (row[column.labelKo] ?? named?.[1]) as string | null | undefined;
    labels.push(label);
    koreanLabels.push(korean);
    if (korean) anyKorean = true;
  }
  return {
    label: labels.join(' · '),
    labelKo: anyKorean ? koreanLabels.map((korean, at) => korean ?? labels[at]).join(' · ') : null,
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
