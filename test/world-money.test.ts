// Money across the world's programmes: totals by programme in a chosen currency, with the sourced
// rates each part used (direct or through USD), and EXCHANGE_RATE_MISSING where no stored rate is
// dated near an investment's announcement.
import { describe, expect, it } from 'vitest';
import { createGraphQLServer } from '../src/server/yoga.js';
import { execute, seededDatabase } from './helpers.js';

const db = seededDatabase({ world: true });
const { yoga } = createGraphQLServer({ db, graphiql: false, logging: false });

interface Rate {
  baseCurrency: string;
  quoteCurrency: string;
  baseAmount: string;
  quoteAmount: string;
  asOf: string;
  citations: { totalCount: number };
}
interface Conversion {
  original: { amount: string; currency: string };
  converted: string;
  rate: Rate;
  viaRate: Rate | null;
}
interface Total {
  amount: string;
  currency: string;
  investmentCount: number;
  conversions: Conversion[];
}

const rate = 'baseCurrency quoteCurrency baseAmount quoteAmount asOf citations { totalCount }';
const totalsQuery = `query ($currency: Currency!, $programs: [String!]!, $within: Int) {
  investmentTotals(groupBy: [PROGRAM], currency: $currency, rateWithinDays: $within, filter: { program: { slug: { in: $programs } } }) {
    total { amount currency investmentCount conversions { original { amount currency } converted rate { ${rate} } viaRate { ${rate} } } }
    groups { program { slug } total { amount currency investmentCount conversions { original { amount currency } converted rate { ${rate} } viaRate { ${rate} } } } }
  } }`;

/** Within two weeks of each announcement unless told otherwise: "a rate at the announcement date". */
async function totals(currency: string, programs: string[], within: number | null = 14) {
  return execute<{ investmentTotals: { total: Total; groups: { program: { slug: string }; total: Total }[] } | null }>(yoga, totalsQuery, {
    currency,
    programs,
    within,
  });
}

/** Minor units → major, by the rate's two stated amounts, rounded half up: the test's own arithmetic. */
function convertCents(cents: bigint, from: string, rateRow: Rate, fromDigits: number, toDigits: number): bigint {
  const scale = (text: string) => {
    const [whole = '0', fraction = ''] = text.split('.');
    return { digits: BigInt(whole + fraction), places: fraction.length };
  };
  const base = scale(rateRow.baseAmount);
  const quote = scale(rateRow.quoteAmount);
  const [top, bottom] = rateRow.baseCurrency === from ? [quote, base] : [base, quote];
  const numerator = cents * top.digits * 10n ** BigInt(bottom.places + toDigits);
  const denominator = bottom.digits * 10n ** BigInt(top.places + fromDigits);
  return (2n * numerator + denominator) / (2n * denominator);
}
const toCents = (amount: string) => BigInt(amount.replace('.', ''));

describe('investmentTotals(groupBy: [PROGRAM]) over the world', () => {
  it('totals in USD per programme, each converted part naming its cited rate, dated near its investments', async () => {
    const programs = ['de-industrial-ai-cloud-2025', 'jp-meti-gpu-cloud-2024', 'in-indiaai-compute-2024', 'sa-humain-2025', 'korea-2025'];
    const { body } = await totals('USD', programs);
    expect(body.errors).toBeUndefined();
    const result = body.data!.investmentTotals!;
    expect(result.groups.map((group) => group.program.slug).sort()).toEqual([...programs].sort());
    const byProgram = new Map(result.groups.map((group) => [group.program.slug, group.total]));
    // Japan: yen at the USD/JPY quote of 2024-04-16, three days before METI's 2024-04-19 decision.
    const japan = byProgram.get('jp-meti-gpu-cloud-2024')!;
    expect(japan.conversions).toHaveLength(1);
    const yen = japan.conversions[0]!;
    expect(yen.original.currency).toBe('JPY');
    expect(yen.rate).toMatchObject({ baseCurrency: 'USD', quoteCurrency: 'JPY', asOf: '2024-04-16' });
    expect(yen.rate.citations.totalCount).toBeGreaterThan(0);
    expect(yen.viaRate).toBeNull();
    expect(toCents(yen.converted)).toBe(convertCents(BigInt(yen.original.amount), 'JPY', yen.rate, 0, 2));
    // Germany: euros at EUR/USD of the announcement day itself.
    const germany = byProgram.get('de-industrial-ai-cloud-2025')!;
    expect(germany.conversions[0]!.rate).toMatchObject({ baseCurrency: 'EUR', quoteCurrency: 'USD', asOf: '2025-11-04' });
    // Saudi Arabia's amounts are in USD: nothing converted.
    expect(byProgram.get('sa-humain-2025')!.conversions).toEqual([]);
    // Every rate used is dated within the policy's days of the investments it converts.
    for (const group of result.groups) {
      for (const conversion of group.total.conversions) expect(conversion.rate.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // The overall total is the sum of the groups (no investor grouping, so groups do not overlap).
    const sum = result.groups.reduce((cents, group) => cents + toCents(group.total.amount), 0n);
    expect(toCents(result.total.amount)).toBe(sum);
  });

  it('goes through USD when no stored rate joins the two currencies, and names both rates', async () => {
    const { body } = await totals('KRW', ['de-industrial-ai-cloud-2025']);
    expect(body.errors).toBeUndefined();
    const conversion = body.data!.investmentTotals!.total.conversions[0]!;
    expect(conversion.original.currency).toBe('EUR');
    expect(conversion.rate).toMatchObject({ baseCurrency: 'EUR', quoteCurrency: 'USD', asOf: '2025-11-04' });
    expect(conversion.viaRate).toMatchObject({ baseCurrency: 'USD', quoteCurrency: 'KRW' });
    const usdCents = convertCents(toCents(conversion.original.amount), 'EUR', conversion.rate, 2, 2);
    expect(BigInt(conversion.converted)).toBe(convertCents(usdCents, 'USD', conversion.viaRate!, 2, 0));
  });

  it('answers EXCHANGE_RATE_MISSING when the nearest stored rate is farther than rateWithinDays', async () => {
    // The UK's pound amounts of 2025-06-09: the nearest GBP/USD quote a stored page gives is of the next day.
    const { status, body } = await totals('USD', ['gb-sovereign-ai-2025'], 0);
    expect(status).toBe(200);
    expect(body.data?.investmentTotals).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'EXCHANGE_RATE_MISSING', from: 'GBP', to: 'USD' });
    // Without the bound, the nearest rate converts it, and the answer names that rate's date.
    const nearest = await totals('USD', ['gb-sovereign-ai-2025'], null);
    expect(nearest.body.errors).toBeUndefined();
    const dates = nearest.body.data!.investmentTotals!.total.conversions.map((conversion) => conversion.rate.asOf);
    expect(dates).toContain('2025-06-10');
    // A day's slack is enough.
    expect((await totals('USD', ['gb-sovereign-ai-2025'], 1)).body.errors).toBeUndefined();
  });

  it('refuses a negative rateWithinDays with a coded error', async () => {
    const { status, body } = await totals('USD', ['korea-2025'], -1);
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('answers EXCHANGE_RATE_MISSING for a currency no page converts at all', async () => {
    const { body } = await totals('SEK', ['de-industrial-ai-cloud-2025']);
    expect(body.data?.investmentTotals).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'EXCHANGE_RATE_MISSING', from: 'EUR', to: 'SEK' });
  });

  it('leaves out what the dataset marks as overlapping, saying why', async () => {
    const { body } = await execute<{
      program: { investments: { edges: { node: { slug: string; excludedFromTotals: string | null } }[] } };
      investmentTotals: { total: { amount: string; investmentCount: number } };
    }>(
      yoga,
      `{ program(slug: "jp-meti-gpu-cloud-2024") { investments(first: 20) { edges { node { slug excludedFromTotals } } } }
         investmentTotals(groupBy: [], currency: "JPY", filter: { program: { slug: { eq: "jp-meti-gpu-cloud-2024" } } }) { total { amount investmentCount } } }`,
    );
    expect(body.errors).toBeUndefined();
    const rows = body.data!.program.investments.edges.map((edge) => edge.node);
    const aggregate = rows.find((row) => row.slug === 'meti-total-72-5bn')!;
    expect(aggregate.excludedFromTotals).toMatch(/sum of the five/);
    const counted = rows.filter((row) => row.excludedFromTotals === null);
    expect(body.data!.investmentTotals.total.investmentCount).toBe(counted.length);
    // The five subsidies: ¥50.1 bn + 10.24 bn + 7.7 bn + 2.56 bn + 1.93 bn.
    expect(body.data!.investmentTotals.total.amount).toBe('72530000000');
  });
});
