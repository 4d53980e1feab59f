// One inserter of datasets: Korea's TypeScript dataset goes through dataset-io's mergeDataset like
// the world's programme files, and the database it makes is the one the old TypeScript loader
// made, every table, ids included. The old loader is kept frozen in test/support/ as the reference.
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/client.js';
import { type DatasetRow, exportDataset, mergeDataset, serializeDataset } from '../src/db/dataset-io.js';
import { programmeFiles, seedDatabase, loadProgrammeFile } from '../src/db/seed/index.js';
import { datasetDocument } from '../src/db/seed/load.js';
import { korea2025 } from '../src/db/seed/korea-2025.js';
import { sqliteMessage } from './helpers.js';
import { legacyLoadDataset } from './support/legacy-seed-load.js';

const timestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A bookkeeping time (`created_at`, `loaded_at`…) is when the row was written: the one thing two loads cannot share. */
const sameTime = (column: string, value: unknown) =>
  column.endsWith('_at') && typeof value === 'string' && timestamp.test(value) ? 'TIME' : value;

/** Every row of every table of the file (rollups and AUTOINCREMENT counters included), in rowid order. */
function dump(db: Db): Record<string, unknown[]> {
  const client = db.$client;
  const tables = client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => {
      // sqlite_sequence lists tables in the order they first got a row, which is bookkeeping, not data.
      const order = table === 'sqlite_sequence' ? 'name' : 'rowid';
      const rows = client.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).all() as Record<string, unknown>[];
      return [
        table,
        rows.map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, sameTime(column, value)]))),
      ];
    }),
  );
}

/** `npm run data:export`'s text, bookkeeping times blanked. */
const exported = (db: Db) => serializeDataset(exportDataset(db)).replace(/"([a-z_]+_at)": "[^"]*"/g, '"$1": "TIME"');

/** What `seedDatabase` did before: Korea through the TypeScript loader, then the programme files. */
function seededTheOldWay(): Db {
  const db = openDatabase({ path: ':memory:' });
  legacyLoadDataset(db, korea2025);
  for (const path of programmeFiles()) loadProgrammeFile(db, path);
  return db;
}

describe('one inserter of datasets', () => {
  const before = seededTheOldWay();
  const now = openDatabase({ path: ':memory:' });
  seedDatabase(now);

  it('makes, for every bundled dataset, the database the old Korea loader made: every table, ids included', () => {
    const old = dump(before);
    // Not a comparison of two empty files: Korea's Korean quotes, both quote kinds and its disputes are there.
    const quotes = old.citations as { quote: string; quote_kind: string }[];
    expect(quotes.some((citation) => /[\uac00-\ud7a3]/.test(citation.quote))).toBe(true);
    expect(new Set(quotes.map((citation) => citation.quote_kind))).toEqual(new Set(['VERBATIM', 'PARAPHRASE']));
    expect((old.discrepancy_citations as unknown[]).length).toBeGreaterThan(korea2025.discrepancies.length);
    expect((old.allocation_rollups_by_partner as unknown[]).length).toBeGreaterThan(0);
    expect(dump(now)).toEqual(old);
  });

  it('exports the same `data:export` text', () => {
    expect(exported(now)).toBe(exported(before));
  });

  it("turns Korea's dataset into rows of the export format that data:export gives back as they are", () => {
    const document = datasetDocument(korea2025);
    const db = openDatabase({ path: ':memory:' });
    expect(mergeDataset(db, document)).toMatchObject({ ok: true, loaded: true, datasets: ['korea-2025'] });
    const back = exportDataset(db).tables;
    for (const [table, rows] of Object.entries(document.tables)) {
      // The export lists a link table (no id) by its key, the document in dataset order.
      const ordered = (list: DatasetRow[]) =>
        'id' in (list[0] ?? {}) ? list : [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      const wanted = ordered(rows);
      // The columns the document leaves to the database (times, version, defaults) are the export's own.
      const given = ordered(back[table as keyof typeof back]).map((row, index) =>
        Object.fromEntries(Object.keys(wanted[index] ?? {}).map((column) => [column, row[column]])),
      );
      expect([table, given]).toEqual([table, wanted]);
    }
    expect(document.tables.citations.length).toBeGreaterThan(30);
  });

  it('loads Korea into a database that has the programmes already, sharing NVIDIA, once', () => {
    const db = openDatabase({ path: ':memory:' });
    const programmes = programmeFiles().map((path) => path.slice(path.lastIndexOf('/') + 1, -'.json'.length));
    seedDatabase(db, { only: programmes });
    const partnersBefore = db.$client.prepare('SELECT count(*) FROM partners').pluck().get() as number;
    // The TypeScript loader inserted every row as new and stopped at NVIDIA's slug, taken already.
    expect(sqliteMessage(() => legacyLoadDataset(db, korea2025))).toMatch(/UNIQUE constraint failed: partners\.slug/);
    expect(seedDatabase(db)[0]).toEqual({ dataset: 'korea-2025', loaded: true });
    const client = db.$client;
    expect(client.prepare("SELECT count(*) FROM partners WHERE slug = 'nvidia'").pluck().get()).toBe(1);
    const korea = korea2025.partners.filter((partner) => partner.slug !== 'nvidia').length;
    expect(client.prepare('SELECT count(*) FROM partners').pluck().get()).toBe(partnersBefore + korea);
    const gpus = client
      .prepare("SELECT sum(quantity) FROM allocations JOIN programs ON programs.id = program_id WHERE programs.slug = 'korea-2025'")
      .pluck()
      .get();
    expect(gpus).toBe(260_000);
    expect(seedDatabase(db).every((result) => !result.loaded)).toBe(true);
  });

  it('adds nothing when Korea is merged into a database that already has it', () => {
    expect(mergeDataset(now, datasetDocument(korea2025))).toEqual({
      ok: true,
      loaded: false,
      datasets: ['korea-2025'],
      insertedRowCounts: {},
    });
  });
});
