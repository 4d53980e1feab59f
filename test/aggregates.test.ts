// Totals: the seed's figures, group-bys, bounds, money, and a randomized comparison against a
// plain recomputation in the test, all through the real schema.
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { quantityBounds, type QuantityBound } from '../src/db/enums.js';
import { allocations, exchangeRates, initiatives, investmentInvestors, investments, partners, programs } from '../src/db/schema.js';
import { convertMinorUnits, fromMinorUnits } from '../src/domain/money.js';
import { mulberry32 } from '../src/db/synthetic.js';
import { execute, insertRandomAllocations, pick, seededServer, StatementLog } from './helpers.js';

interface GpuTotal {
  quantity: number;
  exact: boolean;
  bound: string;
  lowerBound: number;
  upperBound: number | null;
  allocationCount: number;
  byBound: { bound: string; quantity: number; allocationCount: number }[];
}
const gpuTotalFields = 'quantity exact bound lowerBound upperBound allocationCount byBound { bound quantity allocationCount }';

describe("the seed's totals", () => {
  const { yoga } = seededServer();

  it('program: 260,000 GPUs from five partners, 65,000 before, "more than 300,000" after as stated, not exact', async () => {
    const { body } = await execute<{
      program: {
        gpuTotal: GpuTotal;
        partnerCount: number;
        nationalCapacity: {
          before: number;
          beforeBound: string;
          stated: number;
          statedBound: string;
          after: number;
          afterBound: string;
          afterLowerBound: number;
          afterUpperBound: number | null;
          added: { quantity: number };
        };
      };
    }>(
      yoga,
      `{ program(slug: "korea-2025") { gpuTotal { ${gpuTotalFields} } partnerCount
          nationalCapacity { before beforeBound stated statedBound after afterBound afterLowerBound afterUpperBound added { quantity } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const program = body.data!.program;
    expect(program.gpuTotal).toMatchObject({ quantity: 260_000, allocationCount: 5, exact: false, bound: 'APPROXIMATE' });
    // UP_TO (government), AT_LEAST (Samsung, SK) and APPROXIMATE (NAVER) figures: only a floor
    // is supported, from the EXACT and AT_LEAST parts.
    expect(program.gpuTotal.lowerBound).toBe(50_000 + 100_000);
    expect(program.gpuTotal.upperBound).toBeNull();
    expect(program.gpuTotal.byBound).toEqual([
      { bound: 'EXACT', quantity: 50_000, allocationCount: 1 },
      { bound: 'UP_TO', quantity: 50_000, allocationCount: 1 },
      { bound: 'AT_LEAST', quantity: 100_000, allocationCount: 2 },
      { bound: 'APPROXIMATE', quantity: 60_000, allocationCount: 1 },
    ]);
    expect(program.partnerCount).toBe(5);
    // The stated "30만 개 이상", and the computed sum with a floor consistent with its parts (an
    // "about 65,000" sets no floor): 50,000 EXACT + 100,000 AT_LEAST.
    expect(program.nationalCapacity).toEqual({
      before: 65_000,
      beforeBound: 'APPROXIMATE',
      stated: 300_000,
      statedBound: 'AT_LEAST',
      after: 325_000,
      afterBound: 'APPROXIMATE',
      afterLowerBound: 150_000,
      afterUpperBound: null,
      added: { quantity: 260_000 },
    });
  });

  it('partners: five totals, NAVER Cloud holding 60,000 / 260,000', async () => {
    const { body } = await execute<{
      partners: { edges: { node: { slug: string; gpuTotal: { quantity: number; bound: string }; gpuShare: number | null } }[] };
    }>(
      yoga,
      '{ partners(first: 100, orderBy: [{ field: GPU_TOTAL, direction: DESC }]) { edges { node { slug gpuTotal { quantity bound } gpuShare } } } }',
    );
    const nodes = body.data!.partners.edges.map((edge) => edge.node);
    expect(nodes[0]).toMatchObject({ slug: 'naver-cloud', gpuTotal: { quantity: 60_000, bound: 'APPROXIMATE' } });
    const bounds = Object.fromEntries(nodes.slice(1, 5).map((node) => [node.slug, node.gpuTotal.bound]));
    expect(bounds).toEqual({
      'hyundai-motor-group': 'EXACT',
      'korea-government': 'UP_TO',
      'samsung-electronics': 'AT_LEAST',
      'sk-group': 'AT_LEAST',
    });
    expect(nodes[0]!.gpuShare).toBe(60_000 / 260_000);
    expect(new Set(nodes.slice(1, 5).map((node) => node.slug))).toEqual(
      new Set(['hyundai-motor-group', 'korea-government', 'samsung-electronics', 'sk-group']),
    );
    expect(nodes.slice(1, 5).every((node) => node.gpuTotal.quantity === 50_000 && node.gpuShare === 50_000 / 260_000)).toBe(true);
    expect(nodes.slice(5).every((node) => node.gpuTotal.quantity === 0 && node.gpuShare === null)).toBe(true);
  });

  it('initiatives and GPU models have totals too', async () => {
    const { body } = await execute<{
      initiative: { gpuTotal: { quantity: number } };
      gpuModel: { gpuTotal: { quantity: number } };
      h200: { gpuTotal: { quantity: number; exact: boolean } };
    }>(
      yoga,
      `{ initiative(slug: "samsung-ai-factory") { gpuTotal { quantity } }
         gpuModel(slug: "blackwell-unstated") { gpuTotal { quantity } }
         h200: gpuModel(slug: "h200") { gpuTotal { quantity exact } } }`,
    );
    expect(body.data).toEqual({
      initiative: { gpuTotal: { quantity: 50_000 } },
      gpuModel: { gpuTotal: { quantity: 260_000 } },
      h200: { gpuTotal: { quantity: 0, exact: true } },
    });
  });

  it('group by PARTNER_KIND, by GPU_MODEL, and by two keys', async () => {
    const { body } = await execute<{
      kinds: {
        gpuTotal: { quantity: number };
        groups: { partnerKind: string; label: string; labelKo: string; gpuTotal: { quantity: number }; share: number }[];
      };
      models: { groups: { gpuModel: { slug: string }; gpuTotal: { quantity: number }; share: number }[] };
      two: { groups: { partner: { slug: string }; status: string; label: string; allocationCount: number }[] };
    }>(
      yoga,
      `{ kinds: allocationTotals(groupBy: [PARTNER_KIND]) { gpuTotal { quantity } groups { partnerKind label labelKo gpuTotal { quantity } share } }
         models: allocationTotals(groupBy: [GPU_MODEL]) { groups { gpuModel { slug } gpuTotal { quantity } share } }
         two: allocationTotals(groupBy: [PARTNER, STATUS], filter: { partner: { kind: { eq: COMPANY } } }) {
           groups { partner { slug } status label allocationCount } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.kinds.gpuTotal.quantity).toBe(260_000);
    expect(body.data!.kinds.groups).toEqual([
      { partnerKind: 'COMPANY', label: 'Company', labelKo: '기업', gpuTotal: { quantity: 150_000 }, share: 150_000 / 260_000 },
      {
        partnerKind: 'CLOUD_PROVIDER',
        label: 'Cloud provider',
        labelKo: '클라우드 사업자',
        gpuTotal: { quantity: 60_000 },
        share: 60_000 / 260_000,
      },
      { partnerKind: 'GOVERNMENT', label: 'Government', labelKo: '정부', gpuTotal: { quantity: 50_000 }, share: 50_000 / 260_000 },
    ]);
    expect(body.data!.models.groups).toEqual([{ gpuModel: { slug: 'blackwell-unstated' }, gpuTotal: { quantity: 260_000 }, share: 1 }]);
    const two = body.data!.two.groups;
    expect(two.map((group) => group.partner.slug).sort()).toEqual(['hyundai-motor-group', 'samsung-electronics', 'sk-group']);
    expect(two.every((group) => group.status === 'ANNOUNCED' && group.allocationCount === 1)).toBe(true);
    expect(two.map((group) => group.label)).toContain('Samsung Electronics · Announced');
  });

  it('money: USD 3,000,000,000, and in KRW at the market rate, which the answer names', async () => {
    const { body } = await execute<{
      program: {
        usd: { amount: string; currency: string; exact: boolean; bound: string; investmentCount: number; conversions: unknown[] };
        krw: {
          amount: string;
          bound: string;
          conversions: {
            original: { amount: string; currency: string };
            converted: string;
            rate: { baseAmount: string; quoteAmount: string; citations: { totalCount: number } };
          }[];
        };
      };
    }>(
      yoga,
      `{ program(slug: "korea-2025") {
          usd: investmentTotal(currency: "USD") { amount currency exact bound investmentCount conversions { converted } }
          krw: investmentTotal(currency: "KRW") { amount bound conversions { original { amount currency } converted rate { baseAmount quoteAmount asOf kind citations { totalCount } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.program.usd).toEqual({
      amount: '3000000000.00',
      currency: 'USD',
      exact: false,
      bound: 'APPROXIMATE',
      investmentCount: 1,
      conversions: [],
    });
    // The market rate nearest the announcement (2025-10-29 close), not the article's own rounded
    // "약 30억 달러(약 4조 원)", which is stored too, as a SOURCE_CONVERSION.
    expect(body.data!.program.krw.amount).toBe('4295100000000');
    expect(body.data!.program.krw.conversions).toEqual([
      {
        original: { amount: '3000000000.00', currency: 'USD' },
        converted: '4295100000000',
        rate: { baseAmount: '1', quoteAmount: '1431.7', asOf: '2025-10-29', kind: 'MARKET', citations: { totalCount: 2 } },
      },
    ]);
  });

  it('a currency with no stored rate gives EXCHANGE_RATE_MISSING on that field only', async () => {
    const { body } = await execute<{ program: { usd: { amount: string }; eur: null } }>(
      yoga,
      '{ program(slug: "korea-2025") { usd: investmentTotal(currency: "USD") { amount } eur: investmentTotal(currency: "EUR") { amount } } }',
    );
    expect(body.data!.program).toEqual({ usd: { amount: '3000000000.00' }, eur: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: ['program', 'eur'], extensions: { code: 'EXCHANGE_RATE_MISSING' } });
    const root = await execute(yoga, '{ investmentTotals(groupBy: [INVESTOR], currency: "JPY") { total { amount } } }');
    expect(root.body.errors?.[0]?.extensions?.code).toBe('EXCHANGE_RATE_MISSING');
  });

  it('investmentTotals counts a co-investment in full for each investor, and once in the total', async () => {
    const { body } = await execute<{
      investmentTotals: {
        total: { amount: string; investmentCount: number };
        groups: { investor: { slug: string }; total: { amount: string } }[];
      };
    }>(
      yoga,
      '{ investmentTotals(groupBy: [INVESTOR], currency: "USD") { total { amount investmentCount } groups { investor { slug } total { amount } } } }',
    );
    expect(body.data!.investmentTotals.total).toEqual({ amount: '3000000000.00', investmentCount: 1 });
    expect(body.data!.investmentTotals.groups.map((group) => [group.investor.slug, group.total.amount]).sort()).toEqual([
      ['hyundai-motor-group', '3000000000.00'],
      ['nvidia', '3000000000.00'],
    ]);
  });
});

function addDays(date: string, days: number): string {
  const time = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

interface RandomData {
  allocationRows: (typeof allocations.$inferSelect)[];
  investmentRows: (typeof investments.$inferSelect)[];
  investorRows: (typeof investmentInvestors.$inferSelect)[];
  rateRows: (typeof exchangeRates.$inferSelect)[];
}

/** Adds a second programme, extra partners, a few hundred allocations and investments, and rates. */
function insertRandomData(db: Db, seed: number): RandomData {
  const next = mulberry32(seed);
  const supplier = db.select().from(partners).limit(1).get()!;
  db.insert(programs)
    .values({ slug: 'random-program', name: 'Random programme', country: 'JP', announcedOn: '2026-03-01', supplierId: supplier.id })
    .run();
  for (let index = 0; index < 20; index += 1) {
    db.insert(partners)
      .values({ slug: `random-${index}`, name: `Random partner ${index}`, kind: pick(next, ['COMPANY', 'TELECOM', 'UNIVERSITY'] as const) })
      .run();
  }
  insertRandomAllocations(db, next, 300);
  const programIds = db
    .select({ id: programs.id })
    .from(programs)
    .all()
    .map((row) => row.id);
  const partnerIds = db
    .select({ id: partners.id })
    .from(partners)
    .all()
    .map((row) => row.id);
  const initiativeIds = [
    null,
    ...db
      .select({ id: initiatives.id })
      .from(initiatives)
      .all()
      .map((row) => row.id),
  ];
  // Rates in both directions and on several dates, so "nearest" and inversion both matter.
  db.insert(exchangeRates)
    .values([
      { baseCurrency: 'USD', quoteCurrency: 'KRW', baseAmount: '1', quoteAmount: '1300.5', asOf: '2025-01-15' },
      { baseCurrency: 'KRW', quoteCurrency: 'USD', baseAmount: '1450', quoteAmount: '1', asOf: '2026-06-01' },
      { baseCurrency: 'EUR', quoteCurrency: 'USD', baseAmount: '1', quoteAmount: '1.0825', asOf: '2025-07-01' },
      { baseCurrency: 'EUR', quoteCurrency: 'KRW', baseAmount: '2', quoteAmount: '3101', asOf: '2025-09-09' },
    ])
    .run();
  for (let index = 0; index < 150; index += 1) {
    const currency = pick(next, ['USD', 'KRW', 'EUR'] as const);
    // Up to about USD 90 billion or KRW 90 trillion: sums pass 2^53 minor units.
    const amountMinor = 1 + Math.floor(next() * 9_000_000_000_000_000);
    const investment = db
      .insert(investments)
      .values({
        slug: `random-investment-${index}`,
        programId: pick(next, programIds),
        initiativeId: pick(next, initiativeIds),
        title: `Random investment ${index}`,
        amountMinor,
        currency,
        bound: pick(next, quantityBounds),
        announcedOn: addDays('2025-01-01', Math.floor(next() * 600)),
      })
      .returning()
      .get();
    const investors = new Set([pick(next, partnerIds), pick(next, partnerIds)]);
    for (const partnerId of investors) db.insert(investmentInvestors).values({ investmentId: investment.id, partnerId }).run();
  }
  return {
    allocationRows: db.select().from(allocations).all(),
    investmentRows: db.select().from(investments).all(),
    investorRows: db.select().from(investmentInvestors).all(),
    rateRows: db.select().from(exchangeRates).all(),
  };
}

/** The plain recomputation: add up rows in the test. */
function expectedTotal(rows: { quantity: number; bound: QuantityBound }[]) {
  return {
    quantity: rows.reduce((sum, row) => sum + row.quantity, 0),
    allocationCount: rows.length,
    byBound: quantityBounds
      .map((bound) => {
        const ofBound = rows.filter((row) => row.bound === bound);
        return { bound, quantity: ofBound.reduce((sum, row) => sum + row.quantity, 0), allocationCount: ofBound.length };
      })
      .filter((part) => part.allocationCount > 0),
  };
}

function dayDistance(a: string, b: string): number {
  return Math.abs(new Date(a).getTime() - new Date(b).getTime());
}

/** The plain recomputation of a money total: nearest rate per investment, sum per rate, convert. */
function expectedMoney(rows: RandomData['investmentRows'], rates: RandomData['rateRows'], target: string): string {
  const sums = new Map<string, { currency: string; rate?: RandomData['rateRows'][number]; minor: bigint }>();
  for (const row of rows) {
    let rate: RandomData['rateRows'][number] | undefined;
    if (row.currency !== target) {
      rate = rates
        .filter(
          (candidate) =>
            (candidate.baseCurrency === row.currency && candidate.quoteCurrency === target) ||
            (candidate.baseCurrency === target && candidate.quoteCurrency === row.currency),
        )
        .sort(
          (a, b) =>
            Number(a.kind !== 'MARKET') - Number(b.kind !== 'MARKET') ||
            dayDistance(a.asOf, row.announcedOn) - dayDistance(b.asOf, row.announcedOn) ||
            (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : 0) ||
            a.id - b.id,
        )[0];
      if (!rate) throw new Error(`no rate ${row.currency}→${target}`);
    }
    const key = `${row.currency}:${rate?.id ?? ''}`;
    const entry = sums.get(key) ?? { currency: row.currency, rate, minor: 0n };
    entry.minor += BigInt(row.amountMinor);
    sums.set(key, entry);
  }
  let total = 0n;
  for (const entry of sums.values()) {
    total += entry.rate ? convertMinorUnits(entry.minor, entry.currency, target, entry.rate) : entry.minor;
  }
  return fromMinorUnits(total, target);
}

describe('randomized data: every total equals a plain recomputation', () => {
  const { db, yoga } = seededServer();
  const data = insertRandomData(db, 20_251_031);

  it('per programme, partner, initiative and GPU model', async () => {
    const { body } = await execute<Record<string, { edges: { node: { id: string; gpuTotal: GpuTotal } }[] }>>(
      yoga,
      `{ programs(first: 100) { edges { node { id gpuTotal { ${gpuTotalFields} } } } }
         partners(first: 100) { edges { node { id gpuTotal { ${gpuTotalFields} } } } }
         initiatives(first: 100) { edges { node { id gpuTotal { ${gpuTotalFields} } } } }
         gpuModels(first: 100) { edges { node { id gpuTotal { ${gpuTotalFields} } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const decode = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);
    const columns = { programs: 'programId', partners: 'partnerId', initiatives: 'initiativeId', gpuModels: 'gpuModelId' } as const;
    for (const [field, column] of Object.entries(columns)) {
      for (const { node } of body.data![field]!.edges) {
        const rows = data.allocationRows.filter((row) => row[column] === decode(node.id));
        expect({ field, ...node.gpuTotal }).toMatchObject({ field, ...expectedTotal(rows) });
      }
    }
  });

  it('for allocationTotals by each key and by two keys, with a filter', async () => {
    const partnerKinds = new Map(
      db
        .select({ id: partners.id, kind: partners.kind })
        .from(partners)
        .all()
        .map((row) => [row.id, row.kind]),
    );
    const filtered = data.allocationRows.filter((row) => row.quantity >= 20_000 && row.status !== 'OPERATIONAL');
    const cases: [string, (row: RandomData['allocationRows'][number]) => unknown][] = [
      ['PARTNER_KIND', (row) => partnerKinds.get(row.partnerId)],
      ['STATUS', (row) => row.status],
      ['GPU_MODEL', (row) => row.gpuModelId],
      ['PROGRAM', (row) => row.programId],
    ];
    for (const [key, keyOf] of cases) {
      const { body } = await execute<{
        allocationTotals: { gpuTotal: GpuTotal; groups: { label: string; gpuTotal: GpuTotal; share: number }[] };
      }>(
        yoga,
        `{ allocationTotals(groupBy: [${key}, PARTNER], filter: { quantity: { gte: 20000 }, status: { ne: OPERATIONAL } }) {
            gpuTotal { ${gpuTotalFields} } groups { label share gpuTotal { ${gpuTotalFields} } } } }`,
      );
      expect(body.errors).toBeUndefined();
      const result = body.data!.allocationTotals;
      expect(result.gpuTotal).toMatchObject(expectedTotal(filtered));
      const expectedGroups = new Map<string, typeof filtered>();
      for (const row of filtered) {
        const groupKey = JSON.stringify([keyOf(row), row.partnerId]);
        expectedGroups.set(groupKey, [...(expectedGroups.get(groupKey) ?? []), row]);
      }
      expect(result.groups).toHaveLength(expectedGroups.size);
      const expectedQuantities = [...expectedGroups.values()].map((rows) => expectedTotal(rows).quantity).sort((a, b) => b - a);
      expect(result.groups.map((group) => group.gpuTotal.quantity)).toEqual(expectedQuantities);
      const shares = result.groups.reduce((sum, group) => sum + group.share, 0);
      expect(shares).toBeCloseTo(1, 9);
    }
  });

  it('for money in USD, KRW and EUR, past 2^53 minor units, with the nearest rate in either direction', async () => {
    for (const currency of ['USD', 'KRW', 'EUR']) {
      const { body } = await execute<{
        investmentTotals: {
          total: { amount: string; investmentCount: number };
          groups: { program: { id: string }; total: { amount: string } }[];
        };
      }>(
        yoga,
        `{ investmentTotals(groupBy: [PROGRAM], currency: "${currency}") { total { amount investmentCount } groups { program { id } total { amount } } } }`,
      );
      expect(body.errors, currency).toBeUndefined();
      const totals = body.data!.investmentTotals;
      expect(totals.total.amount).toBe(expectedMoney(data.investmentRows, data.rateRows, currency));
      expect(totals.total.investmentCount).toBe(data.investmentRows.length);
      for (const group of totals.groups) {
        const programId = Number(Buffer.from(group.program.id, 'base64').toString().split(':')[1]);
        const rows = data.investmentRows.filter((row) => row.programId === programId);
        expect(group.total.amount).toBe(expectedMoney(rows, data.rateRows, currency));
      }
    }
    expect(BigInt(data.investmentRows.reduce((sum, row) => sum + BigInt(row.amountMinor), 0n))).toBeGreaterThan(2n ** 53n);
  });

  it('per investor, counting a co-investment of undisclosed split in full (bounded UP_TO)', async () => {
    const { body } = await execute<{ partners: { edges: { node: { id: string; investmentTotal: { amount: string } } }[] } }>(
      yoga,
      '{ partners(first: 100) { edges { node { id investmentTotal(currency: "KRW") { amount } } } } }',
    );
    expect(body.errors).toBeUndefined();
    for (const { node } of body.data!.partners.edges) {
      const partnerId = Number(Buffer.from(node.id, 'base64').toString().split(':')[1]);
      const investmentIds = new Set(data.investorRows.filter((row) => row.partnerId === partnerId).map((row) => row.investmentId));
      const rows = data.investmentRows.filter((row) => investmentIds.has(row.id));
      expect(node.investmentTotal.amount).toBe(expectedMoney(rows, data.rateRows, 'KRW'));
    }
  });
});

describe('SQL statements for totals', () => {
  it('are the same for 1 partner and for 50', async () => {
    const statements = new StatementLog();
    const { db, yoga } = seededServer({ logger: statements });
    insertRandomData(db, 7);
    const query = `query ($first: Int!) { partners(first: $first, orderBy: [{ field: GPU_TOTAL, direction: DESC }]) { edges { node {
      gpuTotal { quantity bound byBound { bound quantity } } gpuShare investmentTotal(currency: "KRW") { amount conversions { rate { asOf } } }
      initiatives(first: 3) { edges { node { initiative { gpuTotal { quantity } } } } } } } } }`;
    statements.reset();
    const one = await execute<{ partners: { edges: unknown[] } }>(yoga, query, { first: 1 });
    const forOne = statements.count;
    statements.reset();
    const fifty = await execute<{ partners: { edges: unknown[] } }>(yoga, query, { first: 50 });
    const forFifty = statements.count;
    expect(one.body.errors).toBeUndefined();
    expect(fifty.body.data!.partners.edges).toHaveLength(37);
    expect(forFifty).toBe(forOne);
  });
});

describe('per-bound sums in allocationTotals', () => {
  // The FILTER sum of quantities by bound kind, which only lowerBound, upperBound and byBound read.
  const perBoundSum = /sum\((?:"\w+"\.)?"quantity"\) filter/;

  it('are read only when a field beneath asks for them, through fragments too', async () => {
    const log = new StatementLog();
    const { statements } = log;
    const { db, yoga } = seededServer({ logger: log });
    insertRandomData(db, 11);
    const ask = async (query: string) => {
      statements.length = 0;
      const { body } = await execute<{ allocationTotals: { gpuTotal: GpuTotal; groups: { label: string; gpuTotal: GpuTotal }[] } }>(
        yoga,
        query,
      );
      expect(body.errors).toBeUndefined();
      return { totals: body.data!.allocationTotals, sql: statements.join('\n') };
    };
    const counts = await ask(
      '{ allocationTotals(groupBy: [PARTNER]) { gpuTotal { quantity bound exact } groups { label gpuTotal { quantity bound } } } }',
    );
    const full =
      await ask(`{ allocationTotals(groupBy: [PARTNER]) { gpuTotal { quantity bound exact } groups { label gpuTotal { ...Bounds } } } }
      fragment Bounds on GpuTotal { quantity bound lowerBound allocationCount }`);
    const ungrouped = await ask('{ allocationTotals(groupBy: []) { gpuTotal { ... on GpuTotal { upperBound } } } }');
    // Only quantities and counts: no per-bound aggregate at all, neither sums nor counts.
    const plain = await ask(
      '{ allocationTotals(groupBy: [PARTNER]) { gpuTotal { quantity } groups { label gpuTotal { quantity allocationCount } } } }',
    );
    expect(plain.sql).not.toMatch(/filter \(where/);
    // Only which kinds occur (bound, exact): the least and greatest kind, no per-bound count.
    expect(counts.sql).not.toMatch(/filter \(where/);
    expect(counts.sql).toMatch(/min\(case when/);
    expect(plain.totals.groups).toEqual(
      full.totals.groups.map((group) => ({
        label: group.label,
        gpuTotal: { quantity: group.gpuTotal.quantity, allocationCount: group.gpuTotal.allocationCount },
      })),
    );
    expect(counts.sql).not.toMatch(perBoundSum);
    expect(full.sql).toMatch(perBoundSum);
    expect(ungrouped.sql).toMatch(perBoundSum);
    // Skipping the sums changes nothing the first query reads.
    expect(counts.totals.gpuTotal).toEqual({
      quantity: full.totals.gpuTotal.quantity,
      bound: full.totals.gpuTotal.bound,
      exact: full.totals.gpuTotal.exact,
    });
    expect(counts.totals.groups).toEqual(
      full.totals.groups.map((group) => ({
        label: group.label,
        gpuTotal: { quantity: group.gpuTotal.quantity, bound: group.gpuTotal.bound },
      })),
    );
    expect(counts.totals.groups.length).toBeGreaterThan(5);
    expect(full.totals.groups.some((group) => group.gpuTotal.lowerBound !== group.gpuTotal.quantity)).toBe(true);
  });
});

describe('relation filters that name one row', () => {
  it('compare the foreign key with = and match what the same filter with `in` matches', async () => {
    const log = new StatementLog();
    const { statements } = log;
    const { db, yoga } = seededServer({ logger: log });
    insertRandomData(db, 13);
    const programs = await execute<{ programs: { edges: { node: { id: string; slug: string } }[] } }>(
      yoga,
      '{ programs(first: 10) { edges { node { id slug } } } }',
    );
    const { id, slug } = programs.body.data!.programs.edges[0]!.node;
    const ask = async (filter: string) => {
      statements.length = 0;
      const { body } = await execute<{
        allocations: { totalCount: number };
        allocationTotals: { groups: { label: string; gpuTotal: { quantity: number } }[] };
      }>(
        yoga,
        `{ allocations(filter: ${filter}) { totalCount } allocationTotals(filter: ${filter}, groupBy: [PARTNER]) { groups { label gpuTotal { quantity } } } }`,
      );
      expect(body.errors).toBeUndefined();
      return { data: body.data!, sql: statements.join('\n') };
    };
    const bySlug = await ask(`{ program: { slug: { eq: "${slug}" } } }`);
    const byId = await ask(`{ program: { id: { eq: "${id}" } } }`);
    const bySlugList = await ask(`{ program: { slug: { in: ["${slug}"] } } }`);
    const missing = await ask('{ program: { slug: { eq: "no-such-programme" } } }');
    expect(bySlug.sql).toMatch(/"program_id" = \(select/);
    expect(byId.sql).toMatch(/"program_id" = \(select/);
    expect(bySlugList.sql).toMatch(/"program_id" in \(select/);
    expect(bySlug.data.allocations.totalCount).toBeGreaterThan(10);
    expect(bySlug.data).toEqual(bySlugList.data);
    expect(byId.data).toEqual(bySlugList.data);
    expect(missing.data).toEqual({ allocations: { totalCount: 0 }, allocationTotals: { groups: [] } });
    // A column two rows may share keeps `in`.
    expect((await ask('{ partner: { kind: { eq: GOVERNMENT } } }')).sql).toMatch(/"partner_id" in \(select/);
  });
});
