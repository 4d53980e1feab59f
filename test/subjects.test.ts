// One map of what citations and discrepancies can be about (src/db/subjects.ts), and one
// definition of the tables' repeated rules (the `version >= 1` CHECK, the decimal shape): the
// tables, their relations, the shipped migrations and the printed schema agree with them, and
// nothing here counts tables or lists subjects by hand. Nothing mocked: the drizzle tables and
// relations themselves, the latest migration snapshot, schema.graphql and a real SQLite database.
import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { getTableName, is } from 'drizzle-orm';
import { buildSchema, isInputObjectType, isObjectType } from 'graphql';
import { getTableConfig, SQLiteDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { plainDecimal, signedDecimal } from '../src/domain/money.js';
import { relations } from '../src/db/relations.js';
import * as schema from '../src/db/schema.js';
import { citationSubjects, discrepancySubjects, subjects, subjectTypeList } from '../src/db/subjects.js';

const tableByKey = new Map(Object.entries(schema));
const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));

interface SnapshotCheck {
  entityType: string;
  table: string;
  name: string;
  value: string;
}

/** The CHECKs of the newest migration's snapshot: what the shipped database enforces. */
function shippedChecks(): SnapshotCheck[] {
  const newest = readdirSync('drizzle').sort().at(-1)!;
  const snapshot = JSON.parse(readFileSync(`drizzle/${newest}/snapshot.json`, 'utf8')) as { ddl: SnapshotCheck[] };
  return snapshot.ddl.filter((entity) => entity.entityType === 'checks');
}

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

describe('the tables against the shipped migrations', () => {
  it('declare every CHECK exactly as the newest snapshot has it (the helpers change no SQL)', () => {
    const dialect = new SQLiteDialect();
    const declared = tables.flatMap((table) =>
      getTableConfig(table).checks.map((check) => ({
        table: getTableName(table),
        name: check.name,
        value: dialect.sqlToQuery(check.value, 'indexes').sql,
      })),
    );
    const shipped = shippedChecks().map(({ table, name, value }) => ({ table, name, value }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(declared.sort(byName)).toEqual(shipped.sort(byName));
  });

  it('carry the bookkeeping columns whole or not at all, on every table a citation or discrepancy refers to', () => {
    const bookkeeping = ['created_at', 'updated_at', 'version'];
    for (const table of tables) {
      const present = bookkeeping.filter((name) => getTableConfig(table).columns.some((column) => column.name === name));
      expect([getTableName(table), present]).toEqual([getTableName(table), present.length === 0 ? [] : bookkeeping]);
    }
    // Citations, discrepancies and every row they can point at (read from their foreign keys and
    // the map) are edited through the API, so each carries a version.
    const referenced = [schema.citations, schema.discrepancies].flatMap((table) => [
      table,
      ...getTableConfig(table).foreignKeys.map((foreignKey) => foreignKey.reference().foreignTable),
    ]);
    const mapped = subjects.map((subject) => tableByKey.get(subject.table) as SQLiteTable);
    const unversioned = [...referenced, ...mapped]
      .filter((table) => !getTableConfig(table).columns.some((column) => column.name === 'version'))
      .map((table) => getTableName(table));
    expect(unversioned).toEqual([]);
  });

  it('have one `version >= 1` CHECK per table with a version column, and none elsewhere', () => {
    const versioned = tables.filter((table) => getTableConfig(table).columns.some((column) => column.name === 'version'));
    expect(versioned.length).toBeGreaterThan(subjects.length);
    const checks = shippedChecks().filter((check) => check.name.endsWith('_version_check'));
    expect(checks.map((check) => [check.table, check.value]).sort()).toEqual(
      versioned.map((table) => [getTableName(table), '"version" >= 1']).sort(),
    );
  });
});

describe('the map of subjects', () => {
  it('counts exactly the columns of the shipped one-subject CHECKs', () => {
    const counted = (name: string) => {
      const check = shippedChecks().find((candidate) => candidate.name === name)!;
      return [...check.value.matchAll(/"([a-z_]+)" IS NOT NULL/g)].map((match) => match[1]);
    };
    expect(new Set(counted('citations_one_subject_check'))).toEqual(new Set(citationSubjects.map((subject) => snake(subject.column))));
    expect(new Set(counted('discrepancies_one_subject_check'))).toEqual(
      new Set(discrepancySubjects.map((subject) => snake(subject.column))),
    );
  });

  it("names each table's foreign keys: every subject column points at the subject's table, and no other does", () => {
    for (const [table, list, others] of [
      [schema.citations, citationSubjects, ['source_id']],
      [schema.discrepancies, discrepancySubjects, []],
    ] as const) {
      const foreignKeys = getTableConfig(table).foreignKeys.map((foreignKey) => {
        const reference = foreignKey.reference();
        return [reference.columns[0]!.name, getTableName(reference.foreignTable)];
      });
      const expected = list.map((subject) => [snake(subject.column), getTableName(tableByKey.get(subject.table) as SQLiteTable)]);
      expect(foreignKeys.filter(([column]) => !others.includes(column as never)).sort()).toEqual(expected.sort());
    }
  });

  it('has a relation for each subject both ways, which plugin-drizzle loads subjects through', () => {
    const config = relations as unknown as Record<
      string,
      { relations: Record<string, { targetTableName: string; sourceColumns: { name: string }[] }> }
    >;
    for (const subject of subjects) {
      // Relations name tables by their key in src/db/schema.ts, as the map does.
      const target = subject.table;
      const onCitation = config.citations!.relations[subject.relation]!;
      expect([onCitation.targetTableName, onCitation.sourceColumns.map((column) => column.name)]).toEqual([
        target,
        [snake(subject.column)],
      ]);
      expect(config[subject.table]!.relations.citations).toBeDefined();
      expect(config.discrepancies!.relations[subject.relation]?.targetTableName).toBe(subject.disputable ? target : undefined);
      expect(Boolean(config[subject.table]!.relations.discrepancies)).toBe(subject.disputable);
    }
  });

  it('lists the types in the printed schema as the map has them, each a type of the schema', () => {
    const printed = buildSchema(readFileSync('schema.graphql', 'utf8'));
    const lists: Record<string, string[][]> = { citation: [], discrepancy: [] };
    for (const type of Object.values(printed.getTypeMap())) {
      if (!(isObjectType(type) || isInputObjectType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const listed = /^(The fact cited|What the sources disagree about): the ID of an? (.+)\.$/.exec(field.description ?? '');
        if (!listed) continue;
        const names = listed[2]!.replace(' or ', ', ').split(', ');
        lists[listed[1] === 'The fact cited' ? 'citation' : 'discrepancy']!.push(names);
      }
    }
    const expected = {
      citation: citationSubjects.map((subject) => subject.typename),
      discrepancy: discrepancySubjects.map((subject) => subject.typename),
    };
    for (const [kind, found] of Object.entries(lists)) {
      // The create and update inputs' `subjectId` today; none found would make the check vacuous.
      expect(found.length, kind).toBeGreaterThan(0);
      for (const names of found) expect([kind, names]).toEqual([kind, expected[kind as keyof typeof expected]]);
    }
    for (const subject of subjects)
      expect([subject.typename, isObjectType(printed.getType(subject.typename))]).toEqual([subject.typename, true]);
  });

  it('writes a list of types as `A, B or C`', () => {
    const named = (...typenames: string[]) => typenames.map((typename) => ({ ...subjects[0], typename }));
    expect(subjectTypeList(named('A'))).toBe('A');
    expect(subjectTypeList(named('A', 'B'))).toBe('A or B');
    expect(subjectTypeList(named('A', 'B', 'C'))).toBe('A, B or C');
  });
});

describe('the decimal shape', () => {
  it('accepts in the database every positive amount the write rules accept, and the Money scalar adds only a sign', () => {
    const check = shippedChecks().find((candidate) => candidate.name === 'exchange_rates_base_amount_check')!;
    const sqlite = new Database(':memory:');
    const passes = sqlite.prepare(`WITH v(base_amount) AS (SELECT ?) SELECT (${check.value}) AS ok FROM v`).pluck();
    const decimal = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.option(fc.stringMatching(/^[0-9]{1,8}$/)))
      .map(([whole, fraction]) => (fraction === null ? String(whole) : `${whole}.${fraction}`));
    fc.assert(
      fc.property(decimal, (value) => {
        expect(plainDecimal.test(value)).toBe(true);
        expect(signedDecimal.test(value) && signedDecimal.test(`-${value}`)).toBe(true);
        if (/[1-9]/.test(value)) expect(passes.get(value)).toBe(1);
      }),
    );
    for (const wrong of ['', '.5', '5.', '1.2.3', '1e3', ' 1', '0x1', '-1']) {
      expect([wrong, plainDecimal.test(wrong)]).toEqual([wrong, false]);
      expect([wrong, passes.get(wrong)]).toEqual([wrong, 0]);
    }
    sqlite.close();
  });
});
