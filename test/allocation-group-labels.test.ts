// allocationTotals' groups decoded from array rows: labels (names, enum names, fallbacks for null
// keys), Korean labels and the order of the groups, against a plain recomputation from the
// tables of a real SQLite file; and the statement selects names only for the fields that read them.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../src/db/client.js';
import { generateSyntheticData } from '../src/db/synthetic.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { execute, StatementLog, temporaryFolder } from './helpers.js';

const folder = temporaryFolder();
const log = new StatementLog();
const db = openDatabase({ path: join(folder.path, 'groups.db'), logger: log });
generateSyntheticData(db, { partners: 30, allocations: 1_500, programs: 3, initiatives: 8, investments: 5, sources: 10, seed: 5 });
const { yoga } = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false });
afterAll(() => {
  closeDatabase(db);
  folder.remove();
});

interface Row {
  quantity: number;
  bound: string;
  status: string;
  programId: number;
  program: string;
  programKo: string | null;
  partnerId: number;
  partner: string;
  partnerKo: string | null;
  kind: string;
  gpuModelId: number | null;
  gpuModel: string | null;
  initiativeId: number | null;
  initiative: string | null;
  initiativeKo: string | null;
}
const rows = db.$client
  .prepare(
    `SELECT a.quantity, a.bound, a.status, a.program_id AS programId, pr.name AS program, pr.name_ko AS programKo,
       a.partner_id AS partnerId, p.name AS partner, p.name_ko AS partnerKo, p.kind,
       a.gpu_model_id AS gpuModelId, g.name AS gpuModel, a.initiative_id AS initiativeId, i.name AS initiative, i.name_ko AS initiativeKo
     FROM allocations a JOIN programs pr ON pr.id = a.program_id JOIN partners p ON p.id = a.partner_id
     LEFT JOIN gpu_models g ON g.id = a.gpu_model_id LEFT JOIN initiatives i ON i.id = a.initiative_id`,
  )
  .all() as Row[];

const enumNames: Record<string, [string, string]> = {
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
};
/** Per key: the value grouped by, and its English and Korean (or null) names. */
const keys: Record<string, (row: Row) => [value: number | string | null, english: string, korean: string | null]> = {
  PROGRAM: (row) => [row.programId, row.program, row.programKo],
  PARTNER: (row) => [row.partnerId, row.partner, row.partnerKo],
  PARTNER_KIND: (row) => [row.kind, enumNames[row.kind]![0], enumNames[row.kind]![1]],
  GPU_MODEL: (row) => [row.gpuModelId, row.gpuModel ?? 'No GPU model stated', null],
  STATUS: (row) => [row.status, enumNames[row.status]![0], enumNames[row.status]![1]],
  INITIATIVE: (row) => [row.initiativeId, row.initiative ?? 'No initiative named', row.initiativeKo],
};

/** SQLite's ascending order: nulls first, then numbers, then text by code unit. */
const ascending = (a: number | string | null, b: number | string | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

function expectedGroups(groupBy: string[]) {
  const groups = new Map<
    string,
    { values: (number | string | null)[]; label: string; labelKo: string | null; quantity: number; count: number; kinds: Set<string> }
  >();
  for (const row of rows) {
    const parts = groupBy.map((key) => keys[key]!(row));
    const id = JSON.stringify(parts.map((part) => part[0]));
    const group = groups.get(id) ?? {
      values: parts.map((part) => part[0]),
      label: parts.map((part) => part[1]).join(' · '),
      labelKo: parts.some((part) => part[2]) ? parts.map((part) => part[2] ?? part[1]).join(' · ') : null,
      quantity: 0,
      count: 0,
      kinds: new Set<string>(),
    };
    group.quantity += row.quantity;
    group.count += 1;
    group.kinds.add(row.bound);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => {
    if (a.quantity !== b.quantity) return b.quantity - a.quantity;
    for (let at = 0; at < a.values.length; at++) {
      const order = ascending(a.values[at]!, b.values[at]!);
      if (order !== 0) return order;
    }
    return 0;
  });
}

interface Group {
  label?: string;
  labelKo?: string | null;
  allocationCount: number;
  gpuTotal: { quantity: number; bound?: string; exact?: boolean };
}
/** How a sum is bounded from its parts' kinds, as `GpuTotal.bound` documents it. */
function combined(kinds: Set<string>): string {
  const upTo = kinds.has('UP_TO');
  const atLeast = kinds.has('AT_LEAST');
  if (kinds.has('APPROXIMATE') || (upTo && atLeast)) return 'APPROXIMATE';
  return upTo ? 'UP_TO' : atLeast ? 'AT_LEAST' : 'EXACT';
}

async function groupsOf(groupBy: string[], fields: string, totalFields = '') {
  log.reset();
  const { body } = await execute<{ allocationTotals: { groups: Group[] } }>(
    yoga,
    `{ allocationTotals(groupBy: [${groupBy.join(', ')}]) { groups { ${fields} allocationCount gpuTotal { quantity ${totalFields} } } } }`,
  );
  expect(body.errors).toBeUndefined();
  return { groups: body.data!.allocationTotals.groups, sql: log.statements.join('\n') };
}

describe('allocationTotals groups', () => {
  it('have the test data the cases need: null GPU models and initiatives, Korean names', () => {
    expect(rows.some((row) => row.gpuModelId === null)).toBe(true);
    expect(rows.some((row) => row.initiativeId === null)).toBe(true);
    expect(rows.some((row) => row.partnerKo)).toBe(true);
  });

  for (const groupBy of [
    ['PARTNER', 'GPU_MODEL'],
    ['INITIATIVE'],
    ['GPU_MODEL', 'STATUS'],
    ['PARTNER_KIND', 'INITIATIVE'],
    ['PROGRAM', 'PARTNER'],
  ]) {
    it(`by ${groupBy.join(', ')}: labels, Korean labels and order as recomputed from the tables`, async () => {
      const { groups } = await groupsOf(groupBy, 'label labelKo');
      const expected = expectedGroups(groupBy);
      expect(groups).toEqual(
        expected.map((group) => ({
          label: group.label,
          labelKo: group.labelKo,
          allocationCount: group.count,
          gpuTotal: { quantity: group.quantity },
        })),
      );
    });
  }

  it('bound and exact, read from the least and greatest kind alone, as recomputed from every kind of the group', async () => {
    const groupBy = ['PARTNER', 'GPU_MODEL', 'STATUS'];
    const { groups, sql } = await groupsOf(groupBy, '', 'bound exact');
    expect(sql).not.toMatch(/filter \(where/);
    const expected = expectedGroups(groupBy);
    expect(groups.map((group) => group.gpuTotal)).toEqual(
      expected.map((group) => ({
        quantity: group.quantity,
        bound: combined(group.kinds),
        exact: group.kinds.size === 1 && group.kinds.has('EXACT'),
      })),
    );
    // Each case of the least and greatest kind is met: every combined bound, and mixed kinds.
    expect(new Set(expected.map((group) => combined(group.kinds)))).toEqual(new Set(['EXACT', 'UP_TO', 'AT_LEAST', 'APPROXIMATE']));
    expect(expected.some((group) => group.kinds.size > 2)).toBe(true);
  });

  it('select Korean names only for labelKo, and no names nor their joins when no label is read', async () => {
    const both = await groupsOf(['PARTNER', 'GPU_MODEL'], 'label labelKo');
    const english = await groupsOf(['PARTNER', 'GPU_MODEL'], 'label');
    const none = await groupsOf(['PARTNER', 'GPU_MODEL'], '');
    const kinds = await groupsOf(['PARTNER_KIND'], '');
    expect(both.sql).toMatch(/"name_ko"/);
    expect(english.sql).not.toMatch(/"name_ko"/);
    expect(english.sql).toMatch(/left join "partners"/);
    expect(none.sql).not.toMatch(/left join/);
    // The partner's kind is read through the join, label or not.
    expect(kinds.sql).toMatch(/left join "partners"/);
    const strip = (groups: Group[]) => groups.map(({ allocationCount, gpuTotal }) => ({ allocationCount, gpuTotal }));
    expect(english.groups.map((group) => group.label)).toEqual(both.groups.map((group) => group.label));
    expect(strip(none.groups)).toEqual(strip(both.groups));
  });
});
