// The one place each enumerated value list is defined. The database CHECK constraints and the
// GraphQL enums are both generated from these arrays, so the two can never drift apart.

export const partnerKinds = ['GOVERNMENT', 'COMPANY', 'CLOUD_PROVIDER', 'TELECOM', 'UNIVERSITY', 'RESEARCH_INSTITUTE'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

export const quantityBounds = ['EXACT', 'UP_TO', 'AT_LEAST', 'APPROXIMATE'] as const;
export type QuantityBound = (typeof quantityBounds)[number];

export const allocationStatuses = ['ANNOUNCED', 'CONTRACTED', 'DELIVERING', 'OPERATIONAL'] as const;
export type AllocationStatus = (typeof allocationStatuses)[number];

export const initiativeDomains = [
  'SOVEREIGN_AI',
  'SEMICONDUCTORS',
  'INDUSTRIAL_CLOUD',
  'MOBILITY',
  'PHYSICAL_AI',
  'TELECOMMUNICATIONS',
  'QUANTUM_COMPUTING',
  'OTHER',
] as const;
export type InitiativeDomain = (typeof initiativeDomains)[number];

export const participantRoles = ['LEAD', 'PARTICIPANT', 'SUPPORTER'] as const;
export type ParticipantRole = (typeof participantRoles)[number];

/** How a citation's `quote` relates to its source's text. */
export const quoteKinds = ['VERBATIM', 'PARAPHRASE'] as const;
export type QuoteKind = (typeof quoteKinds)[number];

/** Whether a citation supports the value the dataset stores or states a different one. */
export const citationStances = ['SUPPORTS', 'CONTRADICTS'] as const;
export type CitationStance = (typeof citationStances)[number];

export const sourceKinds = ['NEWS_ARTICLE', 'PRESS_RELEASE', 'BLOG_POST', 'OTHER'] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** What a stored exchange rate is: a market rate, or a source's own (rounded) conversion of an amount. */
export const exchangeRateKinds = ['MARKET', 'SOURCE_CONVERSION'] as const;
export type ExchangeRateKind = (typeof exchangeRateKinds)[number];

export const apiKeyScopes = ['read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export const auditOperations = ['CREATE', 'UPDATE', 'DELETE'] as const;
export type AuditOperation = (typeof auditOperations)[number];

/** Where a programme stands as a whole (the sources' words: announced, a bid, being built, running, paused). */
export const programStatuses = ['ANNOUNCED', 'PROPOSED', 'UNDER_CONSTRUCTION', 'OPERATIONAL', 'ON_HOLD', 'CANCELLED'] as const;
export type ProgramStatus = (typeof programStatuses)[number];

/** How precise a stored date is: "June 2025" is stored as 2025-06-01 with MONTH, "Q2 2026" as 2026-04-01 with QUARTER. */
export const datePrecisions = ['DAY', 'MONTH', 'QUARTER', 'HALF', 'SEASON', 'YEAR'] as const;
export type DatePrecision = (typeof datePrecisions)[number];

/** Where a phase of a programme stands. */
export const phaseStatuses = ['PLANNED', 'ACHIEVED', 'DELAYED', 'ON_HOLD', 'CANCELLED'] as const;
export type PhaseStatus = (typeof phaseStatuses)[number];

/** A country's part in a programme spanning several: where it is built, or a partner country. */
export const countryRoles = ['HOST', 'PARTICIPANT'] as const;
export type CountryRole = (typeof countryRoles)[number];

/** What a commitment stated without a number is about: GPUs or money. */
export const commitmentSubjects = ['GPUS', 'MONEY'] as const;
export type CommitmentSubject = (typeof commitmentSubjects)[number];
