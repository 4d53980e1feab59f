// Whole-dataset export and import (`npm run data:export` / `npm run data:import`), run as an
// operator would run them (the tool's `run`, in process; test/cli.test.ts starts it once as a
// process), on real database files in a temporary folder.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as dataCli } from '../src/cli/data.js';
import { openDatabase, type Db } from '../src/db/client.js';
import {
  datasetFormat,
  datasetFormatVersion,
  datasetTableNames,
  excludedTables,
  exportDataset,
  importDataset,
  maxProblems,
  serializeDataset,
  type DatasetDocument,
} from '../src/db/dataset-io.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { temporaryFolder } from './helpers.js';
import { runCli } from './support/cli.js';

const folder = temporaryFolder();
afterAll(() => folder.remove());

let counter = 0;
/** A path for a new database or file in the temporary folder. */
const newPath = (name: string) => join(folder.path, `${(counter += 1)}-${name}`);

/** `npm run data:export -- …` or `npm run data:import -- …`, called in process. */
function npm(script: 'data:export' | 'data:import', args: string[], databasePath: string) {
  return runCli(dataCli, [script === 'data:export' ? 'export' : 'import', ...args], { DATABASE_PATH: databasePath });
}

function withDatabase<T>(path: string, use: (db: Db) => T): T {
  const db = openDatabase({ path });
  try {
    return use(db);
  } finally {
    db.$client.close();
  }
}

/** Row counts of every table in the file, bookkeeping included, and the AUTOINCREMENT counters. */
function snapshot(db: Db) {
  const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const counts = Object.fromEntries(
    tables.map((name) => [name, db.$client.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number]),
  );
  const sequences = db.$client.prepare('SELECT name, seq FROM sqlite_sequence ORDER BY name').all();
  return { counts, sequences };
}

/** Every dataset row as SQLite stores it (JSON as text, booleans as 0/1), in primary-key order. */
function rawRows(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(datasetTableNames.map((name) => [name, db.$client.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]));
}

// Korea's GPUs: the seed now holds the world's programmes too, and Korea's total is the one this file checks.
const gpuTotal = (db: Db) =>
  db.$client
    .prepare("SELECT sum(quantity) FROM allocations WHERE program_id = (SELECT id FROM programs WHERE slug = 'korea-2025')")
    .pluck()
    .get() as number;
const copyOf = (document: DatasetDocument): DatasetDocument => structuredClone(document);

// The source database: the seed, plus an API key and an audit event that must not be exported.
const originalPath = newPath('original.db');
const originalFile = newPath('export/original.json');
let original: DatasetDocument;

beforeAll(() => {
  withDatabase(originalPath, (db) => {
    seedDatabase(db);
    db.$client.exec(`
      INSERT INTO api_keys (name, prefix, key_hash, scopes) VALUES ('ops', 'afg_0000', 'secret-hash', 'read write');
      INSERT INTO audit_events (operation, entity_type, entity_id) VALUES ('CREATE', 'Partner', 1);
    `);
  });
  const exported = npm('data:export', [originalFile], originalPath);
  expect(exported.status, exported.output).toBe(0);
  original = JSON.parse(readFileSync(originalFile, 'utf8')) as DatasetDocument;
});

/** A new database holding the original dataset, loaded through the library. */
function importedCopy(name: string): string {
  const path = newPath(name);
  withDatabase(path, (db) => expect(importDataset(db, original)).toMatchObject({ ok: true }));
  return path;
}

describe('the round trip', () => {
  it('export → import into an empty database → export gives a byte-identical file', () => {
    const copyPath = newPath('copy.db');
    const imported = npm('data:import', [originalFile], copyPath);
    expect(imported.status, imported.output).toBe(0);
    expect(imported.stdout).toMatch(/^imported \d+ rows/);

    const againFile = newPath('export/again.json');
    const again = npm('data:export', [againFile], copyPath);
    expect(again.status, again.output).toBe(0);
    expect(readFileSync(againFile).equals(readFileSync(originalFile))).toBe(true);
  });

  it('writes the documented envelope, every dataset table in order, 2-space JSON with a final newline', () => {
    const text = readFileSync(originalFile, 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(original.format).toBe(datasetFormat);
    expect(original.version).toBe(datasetFormatVersion);
    expect(Object.keys(original.tables)).toEqual(datasetTableNames);
    for (const name of excludedTables) expect(text).not.toContain(`"${name}"`);
    expect(text).not.toContain('secret-hash');
    // Ids ascend in every table with an id, so the file does not depend on the read order.
    for (const rows of Object.values(original.tables)) {
      const ids = rows.map((row) => row.id).filter((id) => id !== undefined);
      expect(ids).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
    }
  });

  it('classifies every table of the database as exported or excluded', () => {
    const tables = withDatabase(
      originalPath,
      (db) =>
        db.$client
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
          .pluck()
          .all() as string[],
    );
    expect(tables.sort()).toEqual([...datasetTableNames, ...excludedTables].sort());
  });

  it("the imported database holds the same rows, the seed's 260,000 GPUs, and no keys or audit events", () => {
    const copyPath = importedCopy('answers.db');
    const [before, after] = [originalPath, copyPath].map((path) =>
      withDatabase(path, (db) => ({ rows: rawRows(db), gpus: gpuTotal(db), snapshot: snapshot(db) })),
    );
    expect(after!.rows).toEqual(before!.rows);
    expect(after!.gpus).toBe(260_000);
    expect(before!.gpus).toBe(260_000);
    for (const name of datasetTableNames) expect(after!.snapshot.counts[name]).toBe(before!.snapshot.counts[name]);
    expect(after!.snapshot.counts.api_keys).toBe(0);
    expect(after!.snapshot.counts.audit_events).toBe(0);
    // The JSON column comes back as the same text, not double-encoded.
    const technologies = (after!.rows.initiatives as { technologies: string }[]).map((row) => row.technologies);
    expect(technologies.every((text) => Array.isArray(JSON.parse(text)))).toBe(true);
  });

  it('leaves the AUTOINCREMENT counters past the imported ids, and the database is not seeded again', () => {
    const copyPath = importedCopy('sequence.db');
    withDatabase(copyPath, (db) => {
      for (const name of datasetTableNames) {
        const maxId = db.$client.prepare(`SELECT max(rowid) FROM "${name}"`).pluck().get() as number | null;
        if (maxId === null || !original.tables[name].some((row) => 'id' in row)) continue;
        const seq = db.$client.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(name);
        expect(seq, name).toBeGreaterThanOrEqual(maxId);
      }
      const maxPartner = Math.max(...original.tables.partners.map((row) => Number(row.id)));
      const inserted = db.$client
        .prepare("INSERT INTO partners (slug, name, kind) VALUES ('new-one', 'New', 'COMPANY') RETURNING id")
        .pluck()
        .get();
      expect(inserted).toBe(maxPartner + 1);
      const before = snapshot(db).counts;
      expect(seedDatabase(db).every((result) => !result.loaded)).toBe(true);
      expect(snapshot(db).counts).toEqual(before);
    });
  });
});

describe('an import that fails', () => {
  /** The original with one row broken late in the file, and what the report must name. */
  function brokenDocuments() {
    const missingPartner = copyOf(original);
    const lastAllocation = missingPartner.tables.allocations.at(-1)!;
    const absentPartnerId = Math.max(...original.tables.partners.map((row) => Number(row.id))) + 1000;
    lastAllocation.partner_id = absentPartnerId;

    const duplicateSlug = copyOf(original);
    const sources = duplicateSlug.tables.sources;
    sources.at(-1)!.slug = sources[0]!.slug!;

    return [
      {
        name: 'an allocation pointing at a missing partner',
        document: missingPartner,
        path: `tables.allocations[${original.tables.allocations.length - 1}]`,
        mentions: [`id ${lastAllocation.id}`, 'FOREIGN KEY constraint failed', `partner_id ${absentPartnerId}`, 'partners.id'],
      },
      {
        name: "a source repeating another source's slug",
        document: duplicateSlug,
        path: `tables.sources[${sources.length - 1}]`,
        mentions: [`id ${sources.at(-1)!.id}`, 'UNIQUE constraint failed: sources.slug'],
      },
    ];
  }

  // The documents are built inside the tests: `original` exists only once beforeAll has run.
  it.each([0, 1])('halfway (case %i) leaves an empty database empty and names the row', (which) => {
    const broken = brokenDocuments()[which]!;
    const path = newPath('empty-target.db');
    const before = withDatabase(path, snapshot);
    const result = withDatabase(path, (db) => importDataset(db, broken.document));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('constraint');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.path).toBe(broken.path);
    for (const text of broken.mentions) expect(result.problems[0]!.message).toContain(text);
    expect(withDatabase(path, snapshot)).toEqual(before);
  });

  it('through the CLI with --replace, keeps every old row, the extra ones included', () => {
    const [broken] = brokenDocuments();
    const brokenFile = newPath('broken.json');
    writeFileSync(brokenFile, serializeDataset(broken!.document));
    const targetPath = importedCopy('replace-target.db');
    withDatabase(targetPath, (db) =>
      db.$client.exec("INSERT INTO partners (slug, name, kind) VALUES ('added-later', 'Added later', 'COMPANY')"),
    );
    const before = withDatabase(targetPath, (db) => ({ snapshot: snapshot(db), text: serializeDataset(exportDataset(db)) }));

    const result = npm('data:import', [brokenFile, '--replace'], targetPath);
    expect(result.status, result.output).toBe(1);
    expect(result.output).toContain('nothing was loaded');
    expect(result.output).toContain(`${broken!.path}: row with id`);
    expect(result.output).toContain('FOREIGN KEY constraint failed');

    const after = withDatabase(targetPath, (db) => ({ snapshot: snapshot(db), text: serializeDataset(exportDataset(db)) }));
    expect(after).toEqual(before);
    expect(after.text).toContain('"added-later"');
  });

  it('validation reports the first problems with their paths and loads nothing', () => {
    const document = copyOf(original);
    document.tables.allocations[1]!.quantity = '50000';
    delete document.tables.partners[3]!.slug;
    document.tables.sources[0]!.publisher_name = 'typo';
    document.tables.initiatives[2]!.technologies = ['NeMo', 7];
    document.tables.gpu_models[0]!.model_unstated = 'yes';

    const path = newPath('validation-target.db');
    const before = withDatabase(path, snapshot);
    const result = withDatabase(path, (db) => importDataset(db, document));
    expect(result).toMatchObject({ ok: false, reason: 'invalid', moreProblems: false });
    if (result.ok) return;
    // In file order: tables in load order, rows by index.
    expect(result.problems.map((problem) => problem.path)).toEqual([
      'tables.partners[3].slug',
      'tables.gpu_models[0].model_unstated',
      'tables.initiatives[2].technologies[1]',
      'tables.allocations[1].quantity',
      'tables.sources[0]',
    ]);
    expect(result.problems[0]!.message).toBe('required column is missing');
    expect(result.problems[4]!.message).toContain('publisher_name');
    expect(withDatabase(path, snapshot)).toEqual(before);
  });

  it(`validation stops after ${maxProblems} problems and says there are more`, () => {
    const document = copyOf(original);
    for (const citation of document.tables.citations) citation.quote = null;
    const result = withDatabase(newPath('many-problems.db'), (db) => importDataset(db, document));
    expect(result).toMatchObject({ ok: false, reason: 'invalid', moreProblems: true });
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.path)).toEqual(
      Array.from({ length: maxProblems }, (_value, index) => `tables.citations[${index}].quote`),
    );
  });

  it('the CLI prints the validation report and exits 1', () => {
    const document = copyOf(original);
    document.tables.allocations[1]!.quantity = -5.5;
    const file = newPath('invalid.json');
    writeFileSync(file, serializeDataset(document));
    const path = newPath('cli-validation.db');
    const result = npm('data:import', [file], path);
    expect(result.status, result.output).toBe(1);
    expect(result.output).toContain('not a valid dataset');
    expect(result.output).toContain('tables.allocations[1].quantity:');
    expect(withDatabase(path, (db) => snapshot(db).counts.allocations)).toBe(0);
  });
});

describe('an import that is refused', () => {
  it('into a database that holds data, without --replace', () => {
    const targetPath = importedCopy('non-empty.db');
    const before = withDatabase(targetPath, snapshot);
    expect(withDatabase(targetPath, (db) => importDataset(db, original))).toMatchObject({ ok: false, reason: 'not-empty' });

    const result = npm('data:import', [originalFile], targetPath);
    expect(result.status, result.output).toBe(1);
    expect(result.output).toContain('--replace');
    expect(withDatabase(targetPath, snapshot)).toEqual(before);
  });

  it('replaces the data with --replace, keeping API keys and the audit log', () => {
    const path = newPath('replace.db');
    withDatabase(path, (db) => {
      seedDatabase(db);
      db.$client.exec(`
        INSERT INTO partners (slug, name, kind) VALUES ('added-later', 'Added later', 'COMPANY');
        INSERT INTO api_keys (name, prefix, key_hash, scopes) VALUES ('kept', 'afg_1111', 'kept-hash', 'read');
        INSERT INTO audit_events (operation, entity_type, entity_id) VALUES ('CREATE', 'Partner', 99);
      `);
      const before = snapshot(db).counts;
      const result = importDataset(db, original, { replace: true });
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      expect(result.deletedRowCount).toBe(datasetTableNames.reduce((sum, name) => sum + before[name]!, 0));
      expect(snapshot(db).counts).toMatchObject({ api_keys: 1, audit_events: 1 });
      // Nothing of the old data is left: the database now exports exactly the imported file.
      expect(serializeDataset(exportDataset(db))).toBe(readFileSync(originalFile, 'utf8'));
    });
  });

  it.each([
    ['another format', () => ({ ...original, format: 'someone-else/dataset' }), 'format', 'someone-else/dataset'],
    ['a newer version', () => ({ ...original, version: datasetFormatVersion + 1 }), 'version', `version ${datasetFormatVersion + 1}`],
    ['no version', () => ({ format: datasetFormat, tables: original.tables }), 'version', 'not supported'],
    ['a JSON array', () => [original], '(document)', 'expected a JSON object'],
  ])('with %s', (_name, build, path, mention) => {
    const result = withDatabase(newPath('wrong-format.db'), (db) => importDataset(db, build()));
    expect(result).toMatchObject({ ok: false, reason: 'invalid', problems: [{ path }] });
    if (!result.ok) expect(result.problems[0]!.message).toContain(mention);
  });

  it('with a wrong version, through the CLI, with a clear message', () => {
    const file = newPath('version-2.json');
    writeFileSync(file, serializeDataset({ ...original, version: 2 as typeof datasetFormatVersion }));
    const result = npm('data:import', [file], newPath('cli-version.db'));
    expect(result.status, result.output).toBe(1);
    expect(result.output).toContain(`version: format version 2 is not supported`);
  });

  it('with a usage error: exit status 2', () => {
    expect(npm('data:import', [], newPath('usage.db')).status).toBe(2);
    expect(npm('data:import', [originalFile, '--force'], newPath('usage.db')).status).toBe(2);
  });
});
