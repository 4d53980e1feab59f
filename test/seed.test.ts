// The seed dataset: loaded once, totals right in SQL, and every fact traced to a quoted source.
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/client.js';
import {
  allocations,
  citations,
  discrepancies,
  discrepancyCitations,
  initiatives,
  investments,
  partners,
  programs,
  sources,
} from '../src/db/schema.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { loadDataset } from '../src/db/seed/load.js';
import { korea2025 } from '../src/db/seed/korea-2025.js';
import { seededDatabase } from './helpers.js';

const articleText = readFileSync(new URL('../src/db/seed/articles/newspim-2025-10-31-nvidia-korea-blackwell.txt', import.meta.url), 'utf8');

function rowCounts(db: Db): Record<string, number> {
  const tables = db
    .all<{ name: string }>(
      sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`,
    )
    .map((row) => row.name);
  return Object.fromEntries(
    tables.map((table) => [table, db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`)!.n]),
  );
}

describe('seeding', () => {
  it('loads the dataset into an empty database and adds nothing the second time', () => {
    const db = openDatabase({ path: ':memory:' });
    const korea = { only: ['korea-2025'] };
    expect(seedDatabase(db, korea)).toEqual([{ dataset: 'korea-2025', loaded: true }]);
    const first = rowCounts(db);
    expect(seedDatabase(db, korea)).toEqual([{ dataset: 'korea-2025', loaded: false }]);
    expect(rowCounts(db)).toEqual(first);
    expect(first.partners).toBe(korea2025.partners.length);
    expect(first.allocations).toBe(korea2025.allocations.length);
    expect(first.discrepancies).toBe(korea2025.discrepancies.length);
  });

  it('rolls back completely when the dataset is inconsistent', () => {
    const db = openDatabase({ path: ':memory:' });
    const broken = { ...korea2025, allocations: [{ ...korea2025.allocations[0]!, partner: 'nobody' }] };
    expect(() => loadDataset(db, broken)).toThrow(/unknown partner "nobody"/);
    const counts = Object.values(rowCounts(db));
    expect(counts.length).toBeGreaterThan(10);
    expect(counts.every((count) => count === 0)).toBe(true);
  });

  it('rolls back completely when a row breaks a rule of the database, naming the row (mergeDataset, as for every dataset)', () => {
    const db = openDatabase({ path: ':memory:' });
    const broken = {
      ...korea2025,
      allocations: korea2025.allocations.map((item, index) => (index === 2 ? { ...item, quantity: 0 } : item)),
    };
    expect(() => loadDataset(db, broken)).toThrow(/korea-2025 does not load: tables\.allocations\[2\]: .*allocations_quantity_check/);
    expect(Object.values(rowCounts(db)).every((count) => count === 0)).toBe(true);
  });
});

describe('the Korea 2025 figures', () => {
  const db = seededDatabase();

  it('sum to 260,000 GPUs over five allocations, computed in SQL', () => {
    const total = db
      .select({ gpus: sql<number>`sum(${allocations.quantity})`, count: sql<number>`count(*)` })
      .from(allocations)
      .innerJoin(programs, eq(programs.id, allocations.programId))
      .where(eq(programs.slug, 'korea-2025'))
      .get();
    expect(total).toEqual({ gpus: 260_000, count: 5 });
  });

  it("store each partner's resolved figure and bound (fact sheet, discrepancies 1 and 2)", () => {
    const rows = db
      .select({ partner: partners.slug, quantity: allocations.quantity, bound: allocations.bound })
      .from(allocations)
      .innerJoin(partners, eq(partners.id, allocations.partnerId))
      .orderBy(partners.slug)
      .all();
    expect(rows).toEqual([
      { partner: 'hyundai-motor-group', quantity: 50_000, bound: 'EXACT' },
      { partner: 'korea-government', quantity: 50_000, bound: 'UP_TO' },
      { partner: 'naver-cloud', quantity: 60_000, bound: 'APPROXIMATE' },
      { partner: 'samsung-electronics', quantity: 50_000, bound: 'AT_LEAST' },
      { partner: 'sk-group', quantity: 50_000, bound: 'AT_LEAST' },
    ]);
  });

  it('keep the USD 3 billion investment exact, in minor units', () => {
    const investment = db.select().from(investments).get()!;
    expect(investment).toMatchObject({ currency: 'USD', amountMinor: 300_000_000_000 });
  });
});

describe('provenance', () => {
  const db = seededDatabase();

  const uncited = (table: typeof allocations | typeof partners | typeof initiatives | typeof investments, column: string) =>
    db.all<{ id: number }>(
      sql`SELECT t.id FROM ${table} t WHERE NOT EXISTS (
            SELECT 1 FROM ${citations} c WHERE c.${sql.identifier(column)} = t.id AND length(trim(c.quote)) > 0)`,
    );

  it('gives every allocation, partner, initiative and investment a citation with a quote', async () => {
    expect(await db.$count(allocations)).toBeGreaterThan(0);
    expect(uncited(allocations, 'allocation_id')).toEqual([]);
    expect(uncited(partners, 'partner_id')).toEqual([]);
    expect(uncited(initiatives, 'initiative_id')).toEqual([]);
    expect(uncited(investments, 'investment_id')).toEqual([]);
  });

  it('cites the quantity of every allocation from the seed article verbatim', () => {
    const rows = db.all<{ id: number; n: number }>(sql`
      SELECT a.id, count(c.id) AS n FROM allocations a
      LEFT JOIN citations c ON c.allocation_id = a.id AND c.field = 'quantity' AND c.quote_kind = 'VERBATIM'
      GROUP BY a.id`);
    expect(rows.filter((row) => row.n === 0)).toEqual([]);
  });

  it('quotes the seed article character for character wherever a citation says VERBATIM', () => {
    // No whitespace folding: the article's no-break spaces (U+00A0) are part of its text.
    const article = articleText;
    const verbatim = db
      .select({ quote: citations.quote })
      .from(citations)
      .innerJoin(sources, eq(sources.id, citations.sourceId))
      .where(sql`${sources.slug} = 'newspim-2025-10-31' AND ${citations.quoteKind} = 'VERBATIM'`)
      .all();
    expect(verbatim.length).toBeGreaterThan(13);
    const missing = verbatim.filter((row) => !article.includes(row.quote));
    expect(missing).toEqual([]);
  });

  it('records every discrepancy of the dataset, each with citations on both sides', () => {
    const rows = db
      .select({
        slug: discrepancies.slug,
        citations: sql<number>`count(${discrepancyCitations.citationId})`,
        contradicting: sql<number>`sum(${citations.stance} = 'CONTRADICTS')`,
      })
      .from(discrepancies)
      .leftJoin(discrepancyCitations, eq(discrepancyCitations.discrepancyId, discrepancies.id))
      .leftJoin(citations, eq(citations.id, discrepancyCitations.citationId))
      .groupBy(discrepancies.id)
      .all();
    expect(rows).toHaveLength(korea2025.discrepancies.length);
    for (const row of rows) expect(row.citations, row.slug).toBeGreaterThanOrEqual(2);
    // Discrepancy 1: the seed's "5000" for Hyundai is kept as a contradicting citation.
    expect(rows.find((row) => row.slug === 'hyundai-gpu-quantity')?.contradicting).toBeGreaterThanOrEqual(1);
  });
});
