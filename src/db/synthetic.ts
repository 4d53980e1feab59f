// Synthetic data for load tests and benchmarks: realistic random programmes, partners, GPU
// models, initiatives, allocations, investments, sources and citations. A seeded PRNG makes the
// same options give the same database, row for row. Rows go in through raw prepared statements
// in large transactions, because drizzle's per-row query building would dominate at a million rows.
import { getTableName } from 'drizzle-orm';
import type { Db } from './client.js';
import { allocationStatuses, initiativeDomains, sourceKinds, type PartnerKind, type QuantityBound } from './enums.js';
import { rebuildRollups, rollupTables, withoutRollupTriggers } from './rollups.js';
import { seedDatabase } from './seed/index.js';
import { fillSearchFolds } from './search-folds.js';

export interface SyntheticOptions {
  partners: number;
  allocations: number;
  programs: number;
  initiatives: number;
  investments: number;
  /** Citations on each allocation (at least 1). */
  citationsPerAllocation: number;
  /** Distinct sources the citations quote. */
  sources: number;
  seed: number;
  /** Load the bundled datasets first, so the synthetic rows sit next to the real ones. */
  withSeed: boolean;
}

export const defaultSyntheticOptions: SyntheticOptions = {
  partners: 200,
  allocations: 10_000,
  programs: 5,
  initiatives: 40,
  investments: 100,
  citationsPerAllocation: 1,
  sources: 300,
  seed: 1,
  withSeed: false,
};

export interface SyntheticResult {
  /** Rows inserted per table. */
  counts: Record<string, number>;
  elapsedMs: number;
}

/** Called as rows go in: rows done so far of `total`. */
export type ProgressCallback = (done: number, total: number) => void;

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)] as T;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  /** An index in [0, n) skewed towards small values (a few big programmes and partners, a long tail). */
  skewed(n: number, skew = 2): number {
    return Math.min(n - 1, Math.floor(n * this.next() ** skew));
  }
  /** Log-uniform between min and max: as many 10s as 10,000s. */
  logUniform(min: number, max: number): number {
    return Math.round(Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min))));
  }
  /** An ISO date between 2024-01-01 and 2026-12-31. */
  date(): string {
    const start = Date.UTC(2024, 0, 1);
    const days = Math.floor(this.next() * 1096);
    return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
  }
}

// Name parts: romanised and Korean forms side by side, so search in both languages has data.
const places: [string, string][] = [
  ['Hanbit', '한빛'],
  ['Saebyeok', '새벽'],
  ['Daehan', '대한'],
  ['Mirae', '미래'],
  ['Haneul', '하늘'],
  ['Gaon', '가온'],
  ['Nuri', '누리'],
  ['Seoul', '서울'],
  ['Busan', '부산'],
  ['Jeju', '제주'],
  ['Incheon', '인천'],
  ['Daegu', '대구'],
  ['Gwangju', '광주'],
  ['Daejeon', '대전'],
  ['Ulsan', '울산'],
  ['Pangyo', '판교'],
  ['Songdo', '송도'],
  ['Arirang', '아리랑'],
  ['Baekdu', '백두'],
  ['Halla', '한라'],
  ['Geumgang', '금강'],
  ['Hangang', '한강'],
  ['Sejong', '세종'],
  ['Cheonji', '천지'],
  ['Taeyang', '태양'],
];
const suffixes: Record<PartnerKind, [string, string][]> = {
  GOVERNMENT: [
    ['Ministry of Digital Affairs', '디지털부'],
    ['Metropolitan Government', '광역시청'],
    ['AI Agency', 'AI 진흥원'],
  ],
  COMPANY: [
    ['Electronics', '전자'],
    ['Motors', '모터스'],
    ['Robotics', '로보틱스'],
    ['Bio', '바이오'],
    ['Heavy Industries', '중공업'],
    ['Semiconductor', '반도체'],
  ],
  CLOUD_PROVIDER: [
    ['Cloud', '클라우드'],
    ['Data Centers', '데이터센터'],
    ['Compute', '컴퓨트'],
  ],
  TELECOM: [
    ['Telecom', '텔레콤'],
    ['Mobile', '모바일'],
    ['Networks', '네트웍스'],
  ],
  UNIVERSITY: [
    ['National University', '국립대학교'],
    ['Institute of Technology', '과학기술원'],
    ['University', '대학교'],
  ],
  RESEARCH_INSTITUTE: [
    ['AI Research Institute', 'AI 연구원'],
    ['Institute of Science', '과학연구소'],
    ['Quantum Lab', '양자연구소'],
  ],
};
const partnerKindWeights: [PartnerKind, number][] = [
  ['COMPANY', 40],
  ['CLOUD_PROVIDER', 8],
  ['TELECOM', 6],
  ['UNIVERSITY', 22],
  ['RESEARCH_INSTITUTE', 17],
  ['GOVERNMENT', 7],
];
const boundWeights: [QuantityBound, number][] = [
  ['EXACT', 50],
  ['AT_LEAST', 25],
  ['UP_TO', 15],
  ['APPROXIMATE', 10],
];
const countries = ['KR', 'JP', 'SG', 'IN', 'AE', 'SA', 'FR', 'DE', 'GB', 'CA', 'ID', 'VN', 'TW', 'AU', 'BR'];
const gpuModelRows: [slug: string, name: string, architecture: string][] = [
  ['syn-h100', 'H100 (synthetic)', 'Hopper'],
  ['syn-h200', 'H200 (synthetic)', 'Hopper'],
  ['syn-b200', 'B200 (synthetic)', 'Blackwell'],
  ['syn-gb200', 'GB200 NVL72 (synthetic)', 'Blackwell'],
  ['syn-b300', 'B300 (synthetic)', 'Blackwell Ultra'],
  ['syn-gb300', 'GB300 NVL72 (synthetic)', 'Blackwell Ultra'],
  ['syn-rtx-pro-6000', 'RTX PRO 6000 (synthetic)', 'Blackwell'],
  ['syn-vera-rubin', 'Vera Rubin (synthetic)', 'Rubin'],
];
const purposes = [
  'sovereign large language model training',
  'AI factory for manufacturing digital twins',
  'autonomous driving simulation',
  'drug discovery and protein folding',
  'national research cloud',
  '6G network AI-RAN',
  'robotics foundation models',
  'public-sector inference services',
];
const publishers = [
  'Yonhap News',
  'The Korea Herald',
  'Korea JoongAng Daily',
  'Newspim',
  'ZDNet Korea',
  'Electronic Times',
  'NVIDIA Newsroom',
  'Reuters',
  'Bloomberg',
  'Nikkei Asia',
  'The Chosun Ilbo',
  'Maeil Business',
];
const technologies = ['Omniverse', 'CUDA-X', 'NeMo', 'Isaac', 'Cosmos', 'Aerial', 'cuQuantum', 'DGX Cloud', 'BioNeMo'];

/** 12345 → "12,345" (toLocaleString is slow enough to show at a million rows). */
function withCommas(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const dataTables = [
  'partners',
  'programs',
  'gpu_models',
  'initiatives',
  'initiative_participants',
  'allocations',
  'investments',
  'investment_investors',
  'exchange_rates',
  'sources',
  'citations',
  'discrepancies',
] as const;

/** True when no data table has a row (API keys and the audit log do not count). */
export function databaseIsEmpty(db: Db): boolean {
  return dataTables.every((table) => !db.$client.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get());
}

/** Rows per transaction: large enough that commits cost nothing, small enough to report progress. */
const batchSize = 20_000;

/**
 * Fills a migrated, empty database with synthetic rows. Throws when the database already holds
 * data (other than the bundled datasets loaded here with `withSeed`).
 */
export function generateSyntheticData(
  db: Db,
  partial: Partial<SyntheticOptions> = {},
  onProgress: ProgressCallback = () => {},
): SyntheticResult {
  const options: SyntheticOptions = { ...defaultSyntheticOptions, ...partial };
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'number' && (!Number.isSafeInteger(value) || value < 0)) {
      throw new Error(`${name} must be a non-negative integer, got ${value}`);
    }
  }
  if (options.partners < 1 || options.programs < 1 || options.sources < 1) {
    throw new Error('partners, programs and sources must each be at least 1');
  }
  if (options.citationsPerAllocation < 1) throw new Error('citationsPerAllocation must be at least 1');
  if (!databaseIsEmpty(db)) throw new Error('the database already holds data; synthetic data goes into an empty database');

  const started = performance.now();
  if (options.withSeed) seedDatabase(db);
  const sqlite = db.$client;
  const restore = bulkLoadPragmas(sqlite);
  // The two big tables load without their secondary indexes, which are then rebuilt by sorting:
  // much faster than updating a dozen B-trees at random positions for every row. Likewise the
  // rollups: filled by one GROUP BY per table instead of by the triggers, row by row.
  const rebuildIndexes = withoutIndexes(sqlite, ['allocations', 'citations', ...rollupTables.map((table) => getTableName(table))]);
  const restoreTriggers = withoutRollupTriggers(sqlite);
  try {
    const { counts, total } = insertSynthetic(sqlite, options, onProgress);
    // The folded search text of every row inserted (src/db/search-folds.ts).
    fillSearchFolds(sqlite);
    rebuildRollups(sqlite);
    restoreTriggers();
    rebuildIndexes();
    onProgress(total, total);
    sqlite.pragma('optimize');
    return { counts, elapsedMs: performance.now() - started };
  } finally {
    // After a failure the rollups may lag the rows loaded so far: rebuild them too.
    if (restoreTriggers.pending()) rebuildRollups(sqlite);
    restoreTriggers();
    rebuildIndexes();
    restore();
  }
}

/**
 * Settings for a bulk load into a database nobody else uses yet: a large page cache (the index
 * inserts are random), no WAL double-write and no fsyncs, and no foreign-key lookups (every
 * reference is generated from ids inserted just before). Returns a function restoring the
 * service's settings, after which the database is back in WAL mode.
 */
function bulkLoadPragmas(sqlite: Db['$client']): () => void {
  const memory = sqlite.memory;
  const before = {
    cacheSize: sqlite.pragma('cache_size', { simple: true }) as number,
    synchronous: sqlite.pragma('synchronous', { simple: true }) as number,
    foreignKeys: sqlite.pragma('foreign_keys', { simple: true }) as number,
  };
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('foreign_keys = OFF');
  if (!memory) {
    sqlite.pragma('journal_mode = MEMORY');
    sqlite.pragma('synchronous = OFF');
  }
  return () => {
    if (!memory) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma(`synchronous = ${before.synchronous}`);
    }
    sqlite.pragma(`foreign_keys = ${before.foreignKeys}`);
    sqlite.pragma(`cache_size = ${before.cacheSize}`);
  };
}

/**
 * Drops the secondary indexes of `tables` and returns a function that creates them again from
 * their saved definitions (once, however often it is called).
 */
function withoutIndexes(sqlite: Db['$client'], tables: readonly string[]): () => void {
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  let rebuilt = false;
  return () => {
    if (rebuilt) return;
    rebuilt = true;
    sqlite.transaction(() => {
      for (const index of indexes) sqlite.exec(index.sql);
    })();
  };
}

function insertSynthetic(
  sqlite: Db['$client'],
  options: SyntheticOptions,
  onProgress: ProgressCallback,
): { counts: Record<string, number>; total: number } {
  const random = new Random(mulberry32(options.seed));
  // A fixed timestamp keeps the rows identical between runs with the same seed.
  const stamp = '2026-01-01T00:00:00.000Z';
  const counts: Record<string, number> = {};
  const total =
    options.partners +
    options.programs +
    gpuModelRows.length +
    options.initiatives +
    options.sources +
    options.allocations * (1 + options.citationsPerAllocation) +
    options.investments * 3;
  let done = 0;
  const tick = (rows: number) => {
    done += rows;
    onProgress(Math.min(done, total), total);
  };

  const maxId = (table: string) => Number((sqlite.prepare(`SELECT coalesce(max(id), 0) AS n FROM ${table}`).get() as { n: number }).n);

  /** Inserts `count` rows made by `row(i)` in transactions of `batchSize`; returns the first id. */
  const insertMany = (table: string, columns: readonly string[], count: number, row: (i: number) => unknown[]): number => {
    const first = maxId(table) + 1;
    const statement = sqlite.prepare(
      `INSERT INTO ${table} (id, ${columns.join(', ')}, created_at, updated_at) VALUES (${['?', ...columns.map(() => '?'), '?', '?'].join(', ')})`,
    );
    const batch = sqlite.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 1) statement.run(first + i, ...row(i), stamp, stamp);
    });
    for (let from = 0; from < count; from += batchSize) {
      const to = Math.min(count, from + batchSize);
      batch(from, to);
      tick(to - from);
    }
    counts[table] = (counts[table] ?? 0) + count;
    return first;
  };

  // Partners: names from a place and a kind-specific suffix; a number keeps repeats distinct.
  const partnerKindsById: PartnerKind[] = [];
  const seenNames = new Map<string, number>();
  const partnerFirst = insertMany('partners', ['slug', 'name', 'name_ko', 'kind', 'description', 'website'], options.partners, (i) => {
    const kind = random.weighted(partnerKindWeights);
    partnerKindsById.push(kind);
    const [place, placeKo] = random.pick(places);
    const [suffix, suffixKo] = random.pick(suffixes[kind]);
    let name = `${place} ${suffix}`;
    let nameKo = `${placeKo} ${suffixKo}`;
    const repeat = seenNames.get(name) ?? 0;
    seenNames.set(name, repeat + 1);
    if (repeat > 0) {
      name = `${name} ${repeat + 1}`;
      nameKo = `${nameKo} ${repeat + 1}`;
    }
    const slug = `syn-${slugify(name)}-${i + 1}`;
    return [slug, name, nameKo, kind, `${name}, a synthetic ${kind.toLowerCase().replace(/_/g, ' ')}.`, `https://${slug}.example.com`];
  });

  const companies = partnerKindsById.flatMap((kind, index) => (kind === 'COMPANY' ? [partnerFirst + index] : []));
  const programFirst = insertMany(
    'programs',
    ['slug', 'name', 'name_ko', 'country', 'announced_on', 'supplier_id', 'installed_base_gpus', 'installed_base_bound', 'description'],
    options.programs,
    (i) => {
      const country = countries[i % countries.length]!;
      const known = random.next() < 0.8;
      return [
        `syn-${country.toLowerCase()}-ai-factory-${i + 1}`,
        `${country} AI Factory Programme ${i + 1}`,
        country === 'KR' ? `AI 팩토리 사업 ${i + 1}` : null,
        country,
        random.date(),
        companies.length > 0 ? random.pick(companies) : partnerFirst + random.int(0, options.partners - 1),
        known ? random.logUniform(1_000, 200_000) : null,
        known ? random.weighted(boundWeights) : null,
        `Synthetic programme ${i + 1} for ${country}.`,
      ];
    },
  );

  const gpuModelFirst = insertMany(
    'gpu_models',
    ['slug', 'name', 'architecture', 'vendor', 'model_unstated', 'description'],
    gpuModelRows.length,
    (i) => {
      const [slug, name, architecture] = gpuModelRows[i]!;
      return [slug, name, architecture, 'NVIDIA', 0, null];
    },
  );

  const initiativePrograms: number[] = [];
  const initiativeFirst = insertMany(
    'initiatives',
    ['slug', 'program_id', 'name', 'name_ko', 'domain', 'description', 'technologies'],
    options.initiatives,
    (i) => {
      const programId = programFirst + random.skewed(options.programs);
      initiativePrograms.push(programId);
      const domain = random.pick(initiativeDomains);
      const [place, placeKo] = random.pick(places);
      const picked = [...new Set([random.pick(technologies), random.pick(technologies)])];
      const label = domain.toLowerCase().replace(/_/g, ' ');
      return [
        `syn-initiative-${i + 1}`,
        programId,
        `${place} ${label} initiative ${i + 1}`,
        `${placeKo} 이니셔티브 ${i + 1}`,
        domain,
        `A synthetic ${label} initiative.`,
        JSON.stringify(picked),
      ];
    },
  );

  const sourceFirst = insertMany(
    'sources',
    ['slug', 'url', 'title', 'publisher', 'kind', 'published_at', 'language', 'notes'],
    options.sources,
    (i) => {
      const publisher = random.pick(publishers);
      const korean = random.next() < 0.5;
      return [
        `syn-source-${i + 1}`,
        `https://news.example.com/${slugify(publisher)}/${i + 1}`,
        korean ? `AI 팩토리 GPU 공급 소식 ${i + 1}` : `AI factory GPU supply report ${i + 1}`,
        publisher,
        random.pick(sourceKinds),
        random.date(),
        korean ? 'ko' : 'en',
        null,
      ];
    },
  );

  // Allocations: a few big programmes and partners, quantities from 8 to 50,000 (log-uniform).
  const allocationFirst = insertMany(
    'allocations',
    ['program_id', 'partner_id', 'gpu_model_id', 'initiative_id', 'quantity', 'bound', 'status', 'purpose', 'announced_on', 'version'],
    options.allocations,
    () => {
      const programId = programFirst + random.skewed(options.programs);
      const partnerId = partnerFirst + random.skewed(options.partners, 1.6);
      const gpuModelId = random.next() < 0.05 ? null : gpuModelFirst + random.int(0, gpuModelRows.length - 1);
      const initiativeId = options.initiatives > 0 && random.next() < 0.4 ? initiativeFirst + random.int(0, options.initiatives - 1) : null;
      return [
        programId,
        partnerId,
        gpuModelId,
        initiativeId,
        random.logUniform(8, 50_000),
        random.weighted(boundWeights),
        random.pick(allocationStatuses),
        random.next() < 0.7 ? random.pick(purposes) : null,
        random.date(),
        1,
      ];
    },
  );

  // Every allocation is cited: the first citation backs the quantity, any further ones the row.
  const perAllocation = options.citationsPerAllocation;
  insertMany(
    'citations',
    ['source_id', 'allocation_id', 'field', 'quote', 'quote_kind', 'locator', 'statement', 'stance'],
    options.allocations * perAllocation,
    (i) => {
      const allocationIndex = Math.floor(i / perAllocation);
      const first = i % perAllocation === 0;
      const sourceIndex = random.int(0, options.sources - 1);
      const quantity = random.logUniform(8, 50_000);
      const korean = random.next() < 0.5;
      return [
        sourceFirst + sourceIndex,
        allocationFirst + allocationIndex,
        first ? 'quantity' : null,
        korean ? `GPU ${withCommas(quantity)}장을 공급받는다.` : `will receive ${withCommas(quantity)} GPUs`,
        random.next() < 0.8 ? 'VERBATIM' : 'PARAPHRASE',
        null,
        `The partner receives about ${quantity} GPUs.`,
        random.next() < 0.95 ? 'SUPPORTS' : 'CONTRADICTS',
      ];
    },
  );

  const investmentFirst = insertMany(
    'investments',
    ['slug', 'program_id', 'initiative_id', 'title', 'title_ko', 'amount_minor', 'currency', 'bound', 'announced_on', 'description'],
    options.investments,
    (i) => {
      const won = random.next() < 0.6;
      const initiative = options.initiatives > 0 && random.next() < 0.5 ? random.int(0, options.initiatives - 1) : null;
      const programId = initiative === null ? programFirst + random.skewed(options.programs) : initiativePrograms[initiative]!;
      return [
        `syn-investment-${i + 1}`,
        programId,
        initiative === null ? null : initiativeFirst + initiative,
        `Synthetic investment ${i + 1}`,
        `합성 투자 ${i + 1}`,
        // KRW has no minor unit: 1 billion to 10 trillion won; USD in cents: 1 million to 10 billion dollars.
        won ? random.logUniform(1e9, 1e13) : random.logUniform(1e8, 1e12),
        won ? 'KRW' : 'USD',
        random.weighted(boundWeights),
        random.date(),
        null,
      ];
    },
  );

  // Investors: one to three distinct partners per investment, listed as pairs beforehand.
  const investorPairs: [number, number][] = [];
  for (let i = 0; i < options.investments; i += 1) {
    const investors = new Set<number>();
    const wanted = random.int(1, Math.min(3, options.partners));
    while (investors.size < wanted) investors.add(partnerFirst + random.skewed(options.partners));
    for (const partnerId of investors) investorPairs.push([investmentFirst + i, partnerId]);
  }
  insertMany('investment_investors', ['investment_id', 'partner_id'], investorPairs.length, (i) => investorPairs[i]!);
  insertMany(
    'citations',
    ['source_id', 'investment_id', 'field', 'quote', 'quote_kind', 'locator', 'statement', 'stance'],
    options.investments,
    (i) => [
      sourceFirst + random.int(0, options.sources - 1),
      investmentFirst + i,
      'amountMinor',
      'investment announced',
      'PARAPHRASE',
      null,
      'The investment was announced.',
      'SUPPORTS',
    ],
  );
  // The planned total counted three units per investment; report completion exactly.
  // The rest of the planned total is the index rebuild, reported by the caller when it is done.

  return { counts, total };
}
