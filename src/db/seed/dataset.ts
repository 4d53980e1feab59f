// The shape of a bundled dataset: plain data that refers to other rows by natural keys (slugs),
// so a dataset file reads like the fact sheet it comes from and the loader resolves the ids.
import type { DiscrepancySubject as Disputable, SubjectRelation } from '../subjects.js';
import type {
  AllocationStatus,
  CitationStance,
  ExchangeRateKind,
  InitiativeDomain,
  ParticipantRole,
  PartnerKind,
  QuantityBound,
  QuoteKind,
  SourceKind,
} from '../enums.js';

export interface CitationSeed {
  /** Names this citation so a discrepancy can list it; unique within the dataset. */
  key?: string;
  /** The slug of a source in the same dataset. */
  source: string;
  quote: string;
  /** Defaults to VERBATIM. PARAPHRASE marks a source whose text was not available to quote. */
  quoteKind?: QuoteKind;
  locator?: string;
  field?: string;
  statement: string;
  /** Defaults to SUPPORTS. */
  stance?: CitationStance;
}

export interface SourceSeed {
  slug: string;
  url: string | null;
  title: string | null;
  publisher: string;
  kind: SourceKind;
  publishedAt: string | null;
  language: string;
  notes?: string;
  /** Required when `url`, `title` or `publishedAt` is null: why the source lacks it. */
  missingMetadataReason?: string;
}

export interface PartnerSeed {
  slug: string;
  name: string;
  nameKo: string | null;
  kind: PartnerKind;
  description?: string;
  website?: string;
  /** Other names the sources use (short, former, English or Korean forms); `search` covers them. */
  aliases?: string[];
  citations: CitationSeed[];
}

export interface GpuModelSeed {
  slug: string;
  name: string;
  architecture: string;
  vendor: string;
  modelUnstated?: boolean;
  description?: string;
  citations: CitationSeed[];
}

export interface ProgramSeed {
  slug: string;
  name: string;
  nameKo: string | null;
  country: string;
  announcedOn: string;
  supplier: string;
  installedBaseGpus: number | null;
  installedBaseBound: QuantityBound | null;
  /** The total the sources state, cited on field `statedGpuTotal`. */
  statedGpuTotal?: number;
  statedGpuTotalBound?: QuantityBound;
  /** The capacity after the programme the sources state, cited on field `statedCapacityAfter`. */
  statedCapacityAfter?: number;
  statedCapacityAfterBound?: QuantityBound;
  description?: string;
  citations: CitationSeed[];
}

export interface ParticipantSeed {
  partner: string;
  role: ParticipantRole;
  contribution?: string;
  citations: CitationSeed[];
}

export interface InitiativeSeed {
  slug: string;
  program: string;
  name: string;
  nameKo: string | null;
  domain: InitiativeDomain;
  description?: string;
  technologies: string[];
  participants: ParticipantSeed[];
  citations: CitationSeed[];
}

export interface AllocationSeed {
  /** Names the allocation within the dataset (allocations have no slug of their own). */
  key: string;
  program: string;
  partner: string;
  gpuModel: string | null;
  initiative: string | null;
  quantity: number;
  bound: QuantityBound;
  status: AllocationStatus;
  purpose?: string;
  announcedOn: string;
  citations: CitationSeed[];
}

export interface InvestorSeed {
  partner: string;
  citations: CitationSeed[];
}

export interface InvestmentSeed {
  slug: string;
  program: string;
  initiative: string | null;
  title: string;
  titleKo?: string;
  /** Exact decimal amount in major units, e.g. "3000000000" or "12.50". */
  amount: string;
  currency: string;
  bound: QuantityBound;
  announcedOn: string;
  description?: string;
  investors: InvestorSeed[];
  citations: CitationSeed[];
}

export interface ExchangeRateSeed {
  baseCurrency: string;
  quoteCurrency: string;
  baseAmount: string;
  quoteAmount: string;
  asOf: string;
  /** Defaults to MARKET. SOURCE_CONVERSION marks a source's own rounded conversion of an amount. */
  kind?: ExchangeRateKind;
  citations: CitationSeed[];
}

/** Exactly one key names the row the discrepancy is about: a disputable subject (src/db/subjects.ts) by its natural key. */
export type DiscrepancySubject = { [R in DisputableRelation]: { [K in R]: string } }[DisputableRelation];
type DisputableRelation = SubjectRelation<Disputable>;

export interface DiscrepancySeed {
  slug: string;
  subject: DiscrepancySubject;
  field: string;
  description: string;
  resolution: string;
  /** Keys of citations elsewhere in the dataset, on either side of the disagreement. */
  citations: string[];
}

export interface Dataset {
  /** Recorded in `dataset_loads` so the dataset is loaded once per database. */
  name: string;
  sources: SourceSeed[];
  partners: PartnerSeed[];
  gpuModels: GpuModelSeed[];
  programs: ProgramSeed[];
  initiatives: InitiativeSeed[];
  allocations: AllocationSeed[];
  investments: InvestmentSeed[];
  exchangeRates: ExchangeRateSeed[];
  discrepancies: DiscrepancySeed[];
}
