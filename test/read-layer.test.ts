// src/read/ holds the SQL of the totals apart from the GraphQL schema: these tests import it
// alone (no schema is built) and run it against a real seeded database.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocationSource } from '../src/read/allocation-source.js';
import { allocationGroupColumns, readAllocationTotals } from '../src/read/allocation-totals.js';
import { gpuTotalReader, sumGpuTotals } from '../src/read/gpu-totals.js';
import { groupLabel, keyColumns } from '../src/read/group-labels.js';
import { readInvestmentTotals } from '../src/read/investment-totals.js';
import { seededDatabase } from './helpers.js';

const readFolder = new URL('../src/read/', import.meta.url);

describe('the read layer', () => {
  it('imports neither GraphQL nor the schema', () => {
    const files = readdirSync(readFolder).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const imports = [...readFileSync(new URL(file, readFolder), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      for (const source of imports)
        expect(source, `${file} imports ${source}`).toMatch(/^(drizzle-orm(\/.*)?|\.\.\/db\/.*|\.\.\/domain\/.*|\.\/.*)$/);
    }
  });

  it('labels a group once for both totals: names, enum names, fallbacks, raw values', () => {
    const columns = keyColumns(['PARTNER_KIND', 'GPU_MODEL', 'CURRENCY'] as const, { GPU_MODEL: 'No GPU model stated' });
    expect(groupLabel(columns, { 'key:PARTNER_KIND': 'GOVERNMENT', 'key:GPU_MODEL': null, 'key:CURRENCY': 'KRW' })).toEqual({
      label: 'Government · No GPU model stated · KRW',
      labelKo: '정부 · No GPU model stated · KRW',
    });
    const named = keyColumns(['PROGRAM'] as const);
    const korea = { 'key:PROGRAM': 1, 'label:PROGRAM': 'Korea', 'labelKo:PROGRAM': null };
    expect(groupLabel(named, korea)).toEqual({ label: 'Korea', labelKo: null });
    expect(groupLabel(named, { 'key:PROGRAM': null })).toEqual({ label: 'None', labelKo: null });
  });

  it('reads allocation groups that add up to the ungrouped total, from a rollup', () => {
    const db = seededDatabase();
    const keys = ['PARTNER_KIND'] as const;
    const source = allocationSource(allocationGroupColumns(keys));
    expect(source.table).not.toBe(allocationSource(null).table);
    const query = { source, predicate: undefined, quantities: true, counts: true, labels: true, koreanLabels: true };
    const groups = readAllocationTotals(db, { ...query, keys });
    const whole = readAllocationTotals(db, { ...query, keys: [] });
    expect(groups.rows.length).toBeGreaterThan(1);
    expect(whole.rows).toHaveLength(1);
    expect(sumGpuTotals(groups.rows.map(gpuTotalReader(groups.columns)))).toEqual(gpuTotalReader(whole.columns)(whole.rows[0]!));
  });

  it('reads investment sums per group and overall, with the rates they name', () => {
    const db = seededDatabase();
    const read = readInvestmentTotals(db, { predicate: undefined, keys: ['CURRENCY'], currency: 'USD' });
    expect(read.groupRows.length).toBeGreaterThan(0);
    const count = (rows: { count: number }[]) => rows.reduce((sum, row) => sum + Number(row.count), 0);
    expect(count(read.groupRows)).toBe(count(read.totalRows));
    for (const row of read.totalRows) {
      if (row.currency !== 'USD' && row.rateId !== null) expect(read.rates.has(Number(row.rateId))).toBe(true);
    }
  });
});
