// Data fidelity: each class of error a fact-checker finds, caught by a rule over the whole
// dataset rather than by today's rows: quotes that are not character for character, disputes
// with one side only, sources without metadata, totals whose bounds disagree with their parts,
// names the search cannot find.
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/client.js';
import { citations, discrepancies, discrepancyCitations, sources } from '../src/db/schema.js';
import { loadDataset } from '../src/db/seed/load.js';
import { korea2025, quotes } from '../src/db/seed/korea-2025.js';
import type { Dataset } from '../src/db/seed/dataset.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { execute, seededServer } from './helpers.js';

const articleText = readFileSync(new URL('../src/db/seed/articles/newspim-2025-10-31-nvidia-korea-blackwell.txt', import.meta.url), 'utf8');
const sharedArticle = new URL('../../shared/seed/newspim-2025-10-31-nvidia-korea-blackwell.txt', import.meta.url);

/** The sources whose full text the repository keeps, by slug: VERBATIM is checkable only there. */
const storedCopies: Record<string, string> = { 'newspim-2025-10-31': articleText };

/** A quote is verbatim when it occurs in the stored copy exactly: no whitespace or punctuation folding. */
function isVerbatim(quote: string, text: string): boolean {
  return quote.trim().length > 0 && text.includes(quote);
}

/** Every citation of a dataset, wherever it sits, with where it sits. */
function allCitations(dataset: Dataset) {
  const found: { path: string; source: string; quote: string; quoteKind: string; stance: string; key?: string; field?: string }[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.source === 'string' && typeof record.quote === 'string' && typeof record.statement === 'string') {
      found.push({
        path,
        source: record.source,
        quote: record.quote,
        quoteKind: (record.quoteKind as string | undefined) ?? 'VERBATIM',
        stance: (record.stance as string | undefined) ?? 'SUPPORTS',
        key: record.key as string | undefined,
        field: record.field as string | undefined,
      });
    }
    for (const [key, child] of Object.entries(record)) walk(child, `${path}.${key}`);
  };
  walk(dataset, 'dataset');
  return found;
}

/** Sources that lack a title, date or URL and do not say why. */
function sourcesWithoutMetadata(db: Db): string[] {
  return db
    .select()
    .from(sources)
    .all()
    .filter(
      (source) =>
        source.publisher.trim() === '' ||
        ((source.title === null || source.publishedAt === null || source.url === null) && !source.missingMetadataReason?.trim()),
    )
    .map((source) => source.slug);
}

/** Discrepancies without at least one supporting and one contradicting citation. */
function oneSidedDiscrepancies(db: Db): string[] {
  return db
    .select({
      slug: discrepancies.slug,
      supporting: sql<number>`count(*) filter (where ${citations.stance} = 'SUPPORTS')`,
      contradicting: sql<number>`count(*) filter (where ${citations.stance} = 'CONTRADICTS')`,
    })
    .from(discrepancies)
    .leftJoin(discrepancyCitations, eq(discrepancyCitations.discrepancyId, discrepancies.id))
    .leftJoin(citations, eq(citations.id, discrepancyCitations.citationId))
    .groupBy(discrepancies.id)
    .all()
    .filter((row) => row.supporting < 1 || row.contradicting < 1)
    .map((row) => row.slug);
}

/** The dataset loaded into a fresh database after `change` edits a deep copy of it. */
function loadedVariant(change: (dataset: Dataset) => void): Db {
  const copy = structuredClone(korea2025);
  change(copy);
  const db = openDatabase({ path: ':memory:' });
  loadDataset(db, copy);
  return db;
}

describe('the checks catch each class of error', () => {
  it('a source stripped of its title and its reason', () => {
    const db = loadedVariant((dataset) => {
      const source = dataset.sources.find((item) => item.slug === 'voz-260000-chips')!;
      source.title = null;
      delete source.missingMetadataReason;
    });
    expect(sourcesWithoutMetadata(db)).toEqual(['voz-260000-chips']);
  });

  it('a discrepancy whose contradicting citation is turned into a supporting one', () => {
    const db = loadedVariant((dataset) => {
      const naver = dataset.allocations.find((item) => item.key === 'naver')!;
      for (const citation of naver.citations) delete citation.stance;
    });
    expect(oneSidedDiscrepancies(db)).toEqual(['naver-gpu-bound']);
  });
});

describe('verbatim quotes', () => {
  it('the repository copy of the article is the shared copy, byte for byte', () => {
    let shared: string;
    try {
      shared = readFileSync(sharedArticle, 'utf8');
    } catch {
      return; // shared/ is beside the repository on the project's machines; a lone clone has only its own copy.
    }
    expect(articleText).toBe(shared);
  });

  it('the check itself rejects a quote whose no-break spaces became plain spaces', () => {
    expect(quotes.Q1).toContain('\u00a0');
    expect(isVerbatim(quotes.Q1, articleText)).toBe(true);
    expect(isVerbatim(quotes.Q1.replace(/\u00a0/g, ' '), articleText)).toBe(false);
    expect(isVerbatim(quotes.Q2.replace(/\s+/g, ' '), articleText)).toBe(false);
  });

  it('every VERBATIM citation in the dataset occurs in its source text character for character', () => {
    const verbatim = allCitations(korea2025).filter((citation) => citation.quoteKind === 'VERBATIM');
    expect(verbatim.length).toBeGreaterThan(13);
    const unchecked = verbatim.filter((citation) => !(citation.source in storedCopies));
    expect(
      unchecked.map((citation) => citation.path),
      'VERBATIM needs a stored copy to check against; use PARAPHRASE',
    ).toEqual([]);
    const wrong = verbatim.filter((citation) => !isVerbatim(citation.quote, storedCopies[citation.source]!));
    expect(wrong.map((citation) => `${citation.path}: ${citation.quote}`)).toEqual([]);
  });

  it('every VERBATIM quote in the database occurs in the article character for character', () => {
    const { db } = seededServer();
    const rows = db
      .select({ id: citations.id, quote: citations.quote, source: sources.slug })
      .from(citations)
      .innerJoin(sources, eq(sources.id, citations.sourceId))
      .where(eq(citations.quoteKind, 'VERBATIM'))
      .all();
    expect(rows.length).toBeGreaterThan(13);
    expect(rows.filter((row) => !(row.source in storedCopies) || !isVerbatim(row.quote, storedCopies[row.source]!))).toEqual([]);
  });
});

describe('sources', () => {
  const { db } = seededServer();

  it('every source is cited at least once', () => {
    const uncited = db.all<{ slug: string }>(
      sql`SELECT s.slug FROM ${sources} s WHERE NOT EXISTS (SELECT 1 FROM ${citations} c WHERE c.source_id = s.id)`,
    );
    expect(uncited).toEqual([]);
  });

  it('every source has title, publisher, date and URL, or says why one is missing', () => {
    expect(db.select().from(sources).all().length).toBe(korea2025.sources.length);
    expect(sourcesWithoutMetadata(db)).toEqual([]);
  });
});

describe('discrepancies', () => {
  const { db } = seededServer();

  it('every discrepancy cites both sides: at least one supporting and one contradicting citation', () => {
    expect(db.select().from(discrepancies).all().length).toBe(korea2025.discrepancies.length);
    expect(oneSidedDiscrepancies(db)).toEqual([]);
  });

  it('every contradicting citation is on record in a discrepancy', () => {
    const loose = db.all<{ id: number; statement: string }>(sql`
      SELECT c.id, c.statement FROM ${citations} c
      WHERE c.stance = 'CONTRADICTS'
        AND NOT EXISTS (SELECT 1 FROM ${discrepancyCitations} dc WHERE dc.citation_id = c.id)`);
    expect(loose).toEqual([]);
  });

  it('the dataset names a citation key once, and a discrepancy lists only keys that exist', () => {
    const keys = allCitations(korea2025).flatMap((citation) => (citation.key ? [citation.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
    const listed = korea2025.discrepancies.flatMap((discrepancy) => discrepancy.citations);
    expect(listed.filter((key) => !keys.includes(key))).toEqual([]);
  });
});

const totalsQuery = `{
  programs(first: 10) { edges { node {
    slug statedGpuTotal statedGpuTotalBound
    gpuTotal { quantity bound lowerBound upperBound byBound { bound quantity } }
    nationalCapacity { before beforeBound stated statedBound afterComputed after afterBound afterLowerBound afterUpperBound
      added { quantity lowerBound upperBound } }
    citations(first: 100) { edges { node { field } } }
  } } }
}`;

interface ProgramTotals {
  slug: string;
  statedGpuTotal: number | null;
  statedGpuTotalBound: string | null;
  gpuTotal: {
    quantity: number;
    bound: string;
    lowerBound: number;
    upperBound: number | null;
    byBound: { bound: string; quantity: number }[];
  };
  nationalCapacity: {
    before: number | null;
    beforeBound: string | null;
    stated: number | null;
    statedBound: string | null;
    afterComputed: boolean;
    after: number | null;
    afterBound: string | null;
    afterLowerBound: number | null;
    afterUpperBound: number | null;
    added: { quantity: number; lowerBound: number; upperBound: number | null };
  };
  citations: { edges: { node: { field: string | null } }[] };
}

describe('totals and their bounds', () => {
  const { yoga } = seededServer();

  async function programs(): Promise<ProgramTotals[]> {
    const { body } = await execute<{ programs: { edges: { node: ProgramTotals }[] } }>(yoga, totalsQuery);
    expect(body.errors).toBeUndefined();
    return body.data!.programs.edges.map((edge) => edge.node);
  }

  it("a total's floor and ceiling hold its own sum, and the bound follows from its parts", async () => {
    for (const program of await programs()) {
      const total = program.gpuTotal;
      expect(total.lowerBound, program.slug).toBeLessThanOrEqual(total.quantity);
      if (total.upperBound !== null) expect(total.upperBound).toBeGreaterThanOrEqual(total.quantity);
      expect(total.byBound.reduce((sum, part) => sum + part.quantity, 0)).toBe(total.quantity);
      const kinds = new Set(total.byBound.map((part) => part.bound));
      if (kinds.has('AT_LEAST') && kinds.has('UP_TO')) expect(total.bound).toBe('APPROXIMATE');
      if (kinds.has('APPROXIMATE')) expect(total.upperBound).toBeNull();
    }
  });

  it('a stated total agrees with the sum of its parts, bound included, and is cited on its field', async () => {
    for (const program of await programs()) {
      if (program.statedGpuTotal === null) continue;
      expect(program.statedGpuTotal, program.slug).toBe(program.gpuTotal.quantity);
      expect(program.statedGpuTotalBound).toBe(program.gpuTotal.bound);
      const fields = program.citations.edges.map((edge) => edge.node.field);
      expect(fields).toContain('statedGpuTotal');
    }
  });

  it('national capacity serves the stated figure with its bound and citation, and a computed one with consistent bounds', async () => {
    for (const program of await programs()) {
      const capacity = program.nationalCapacity;
      const fields = program.citations.edges.map((edge) => edge.node.field);
      if (capacity.stated !== null) {
        expect(capacity.statedBound, program.slug).not.toBeNull();
        expect(fields).toContain('statedCapacityAfter');
      }
      if (capacity.before !== null) expect(fields).toContain('installedBaseGpus');
      expect(capacity.afterComputed).toBe(true);
      if (capacity.after === null) continue;
      expect(capacity.after).toBe(capacity.before! + capacity.added.quantity);
      expect(capacity.afterLowerBound).not.toBeNull();
      expect(capacity.afterLowerBound!).toBeLessThanOrEqual(capacity.after);
      // The floor of a sum is never above the floors of its parts added up.
      const beforeFloor = capacity.beforeBound === 'EXACT' || capacity.beforeBound === 'AT_LEAST' ? capacity.before! : 0;
      expect(capacity.afterLowerBound!).toBeLessThanOrEqual(beforeFloor + capacity.added.lowerBound);
      if (capacity.afterUpperBound !== null) expect(capacity.afterUpperBound).toBeGreaterThanOrEqual(capacity.after);
      if (capacity.afterBound === 'APPROXIMATE' || capacity.afterBound === 'AT_LEAST') expect(capacity.afterUpperBound).toBeNull();
    }
  });

  it("a co-investor's share whose split is undisclosed is at most the whole, never the whole as an estimate", async () => {
    const { body } = await execute<{
      investments: {
        edges: {
          node: { amount: { currency: string }; investors: { edges: { node: { shareDisclosed: boolean; partner: { slug: string } } }[] } };
        }[];
      };
    }>(
      yoga,
      '{ investments(first: 100) { edges { node { amount { currency } investors(first: 20) { edges { node { shareDisclosed partner { slug } } } } } } } }',
    );
    expect(body.errors).toBeUndefined();
    let checked = 0;
    for (const { node: investment } of body.data!.investments.edges) {
      const investors = investment.investors.edges.map((edge) => edge.node);
      if (investors.length < 2) continue;
      for (const investor of investors.filter((item) => !item.shareDisclosed)) {
        const { body: total } = await execute<{ partner: { investmentTotal: { bound: string; amount: string } } }>(
          yoga,
          `{ partner(slug: "${investor.partner.slug}") { investmentTotal(currency: "${investment.amount.currency}") { bound amount } } }`,
        );
        expect(total.errors).toBeUndefined();
        expect(total.data!.partner.investmentTotal.bound, investor.partner.slug).toBe('UP_TO');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("a stated share counts as itself; the other investor's undisclosed share is at most the whole", async () => {
    const { db, yoga } = seededServer();
    const key = createApiKey(db, { name: 'writer', scopes: ['write'] }).key;
    const write = async <T>(query: string, input: Record<string, unknown>) => {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables: { input } }),
      });
      return ((await response.json()) as { data: T }).data;
    };
    const ids = await execute<{ program: { id: string }; kt: { id: string }; yonsei: { id: string } }>(
      yoga,
      '{ program(slug: "korea-2025") { id } kt: partner(slug: "kt") { id } yonsei: partner(slug: "yonsei-university") { id } }',
    );
    const { program, kt, yonsei } = ids.body.data!;
    const created = await write<{ createInvestment: { investment: { id: string } } }>(
      'mutation ($input: CreateInvestmentInput!) { createInvestment(input: $input) { ... on CreateInvestmentPayload { investment { id } } } }',
      {
        slug: 'test-shared',
        programId: program.id,
        title: 'Shared test fund',
        amount: '100',
        currency: 'USD',
        bound: 'EXACT',
        announcedOn: '2025-11-01',
      },
    );
    const investmentId = created.createInvestment.investment.id;
    const link = 'mutation ($input: CreateInvestmentInvestorInput!) { createInvestmentInvestor(input: $input) { __typename } }';
    expect(await write(link, { investmentId, partnerId: kt.id, shareMinor: 4000 })).toEqual({
      createInvestmentInvestor: { __typename: 'CreateInvestmentInvestorPayload' },
    });
    expect(await write(link, { investmentId, partnerId: yonsei.id })).toEqual({
      createInvestmentInvestor: { __typename: 'CreateInvestmentInvestorPayload' },
    });
    const { body } = await execute<{
      kt: { investmentTotal: { amount: string; bound: string } };
      yonsei: { investmentTotal: { amount: string; bound: string } };
    }>(
      yoga,
      '{ kt: partner(slug: "kt") { investmentTotal(currency: "USD") { amount bound } } yonsei: partner(slug: "yonsei-university") { investmentTotal(currency: "USD") { amount bound } } }',
    );
    expect(body.data).toEqual({
      kt: { investmentTotal: { amount: '40.00', bound: 'EXACT' } },
      yonsei: { investmentTotal: { amount: '100.00', bound: 'UP_TO' } },
    });
  });

  it("a converted total names a market rate when one is stored, not a source's rounded conversion", async () => {
    const { body } = await execute<{
      programs: { edges: { node: { investmentTotal: { bound: string; conversions: { rate: { kind: string; asOf: string } }[] } } }[] };
      exchangeRates: { edges: { node: { kind: string; baseCurrency: string; quoteCurrency: string } }[] };
    }>(
      yoga,
      '{ exchangeRates(first: 100) { edges { node { kind baseCurrency quoteCurrency } } } programs(first: 10) { edges { node { investmentTotal(currency: "KRW") { bound conversions { rate { kind asOf } } } } } } }',
    );
    expect(body.errors).toBeUndefined();
    const hasMarket = body.data!.exchangeRates.edges.some((edge) => edge.node.kind === 'MARKET' && edge.node.baseCurrency === 'USD');
    for (const { node } of body.data!.programs.edges) {
      expect(node.investmentTotal.bound).not.toBe('EXACT');
      for (const conversion of node.investmentTotal.conversions) {
        if (hasMarket) expect(conversion.rate.kind).toBe('MARKET');
      }
    }
  });
});

describe('search covers every name and alias', () => {
  const { yoga } = seededServer();

  it('finds each partner by its name, its Korean name and each of its aliases', async () => {
    const misses: string[] = [];
    for (const partner of korea2025.partners) {
      for (const needle of [partner.name, partner.nameKo, ...(partner.aliases ?? [])]) {
        if (!needle) continue;
        const { body } = await execute<{ partners: { edges: { node: { slug: string } }[] } }>(
          yoga,
          'query ($q: String!) { partners(first: 100, filter: { search: $q }) { edges { node { slug } } } }',
          { q: needle },
        );
        expect(body.errors).toBeUndefined();
        if (!body.data!.partners.edges.some((edge) => edge.node.slug === partner.slug)) misses.push(`${partner.slug}: ${needle}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("finds Hyundai Motor Group by the article's own short names", async () => {
    for (const needle of ['현대차그룹', '현대차']) {
      const { body } = await execute<{ partners: { edges: { node: { slug: string } }[] } }>(
        yoga,
        'query ($q: String!) { partners(first: 100, filter: { search: $q }) { edges { node { slug aliases } } } }',
        { q: needle },
      );
      expect(body.data!.partners.edges.map((edge) => edge.node.slug)).toContain('hyundai-motor-group');
    }
  });

  it('finds a partner created through the API by an alias it was given, and refuses an empty alias', async () => {
    const { db, yoga } = seededServer();
    const key = createApiKey(db, { name: 'writer', scopes: ['write'] }).key;
    const write = async (aliases: string[]) => {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query:
            'mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { __typename ... on Error { code } ... on CreatePartnerPayload { partner { aliases } } } }',
          variables: {
            input: { slug: `lg-electronics-${aliases.length}`, name: 'LG Electronics', nameKo: 'LG전자', kind: 'COMPANY', aliases },
          },
        }),
      });
      return (await response.json()) as { data: { createPartner: { __typename: string; code?: string; partner?: { aliases: string[] } } } };
    };
    const created = await write(['엘지전자', 'LGE']);
    expect(created.data.createPartner.partner?.aliases).toEqual(['엘지전자', 'LGE']);
    const { body } = await execute<{ partners: { edges: { node: { slug: string } }[] } }>(
      yoga,
      '{ partners(first: 100, filter: { search: "엘지전자" }) { edges { node { slug } } } }',
    );
    expect(body.data!.partners.edges.map((edge) => edge.node.slug)).toEqual(['lg-electronics-2']);
    expect((await write(['   '])).data.createPartner).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
  });

  it('never matches across two aliases or the JSON around them', async () => {
    const { body } = await execute<{ partners: { edges: unknown[] } }>(
      yoga,
      'query ($q: String!) { partners(first: 100, filter: { search: $q }) { edges { node { slug } } } }',
      { q: '","' },
    );
    expect(body.data!.partners.edges).toEqual([]);
  });
});
