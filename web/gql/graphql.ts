/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What a write did to an object. */
export type ChangeKind =
  /** It was created. */
  | 'CREATED'
  /** It was deleted. */
  | 'DELETED'
  /** It was changed. */
  | 'UPDATED';

/** Whether a citation supports the value the dataset stores. */
export type CitationStance =
  /** The source states a different value; see the subject's discrepancies for the resolution. */
  | 'CONTRADICTS'
  /** The source states the stored value. */
  | 'SUPPORTS';

/** What a commitment stated without a number is about. */
export type CommitmentSubject =
  /** GPUs ("several hundred thousand"). */
  | 'GPUS'
  /** Money ("a major investment", "several hundred million"). */
  | 'MONEY';

/** A country's part in a programme. */
export type CountryRole =
  /** GPUs or data centres of the programme are in this country. */
  | 'HOST'
  /** The country takes part (a partner state, a consortium member) without hosting GPUs named by the sources. */
  | 'PARTICIPANT';

/** How precise a date is: a date known only as "June 2025" is stored as its first day with MONTH. */
export type DatePrecision =
  /** The exact day. */
  | 'DAY'
  /** The half-year only ("first half of 2026"); the date is its first day. */
  | 'HALF'
  /** The month only; the date is its first day. */
  | 'MONTH'
  /** The quarter only ("Q2 2026"); the date is its first day. */
  | 'QUARTER'
  /** A season ("summer 2026"); the date is the first day of its first month. */
  | 'SEASON'
  /** The year only ("by 2027"); the date is 1 January. */
  | 'YEAR';

/** What a stored exchange rate is. */
export type ExchangeRateKind =
  /** A market rate for its date (e.g. a reported closing rate), with its source. */
  | 'MARKET'
  /** A source's own rounded conversion of one amount ("약 30억 달러(약 4조 원)"), not a market rate. */
  | 'SOURCE_CONVERSION';

/** The field an initiative works in. */
export type InitiativeDomain =
  /** GPU clouds for industry. */
  | 'INDUSTRIAL_CLOUD'
  /** Autonomous driving, vehicles and smart factories for them. */
  | 'MOBILITY'
  /** Any other field. */
  | 'OTHER'
  /** AI that acts in the physical world: robots, factories, digital twins. */
  | 'PHYSICAL_AI'
  /** Quantum and hybrid quantum-classical computing. */
  | 'QUANTUM_COMPUTING'
  /** Chip design, manufacturing and yield. */
  | 'SEMICONDUCTORS'
  /** National ("sovereign") AI models and infrastructure. */
  | 'SOVEREIGN_AI'
  /** Wireless networks, AI-RAN and 6G. */
  | 'TELECOMMUNICATIONS';

/** The part a partner plays in an initiative. */
export type ParticipantRole =
  /** Leads the initiative. */
  | 'LEAD'
  /** Takes part in the work. */
  | 'PARTICIPANT'
  /** Supports it with technology, money or policy without doing the work. */
  | 'SUPPORTER';

/** What kind of organisation a partner is. */
export type PartnerKind =
  /** A company that runs GPUs as a cloud service. */
  | 'CLOUD_PROVIDER'
  /** A company or business group. */
  | 'COMPANY'
  /** A national government or one of its ministries. */
  | 'GOVERNMENT'
  /** A public or private research institute. */
  | 'RESEARCH_INSTITUTE'
  /** A telecommunications operator. */
  | 'TELECOM'
  /** A university. */
  | 'UNIVERSITY';

/** Where a phase of a programme stands. */
export type PhaseStatus =
  /** Reached, as a source reports. */
  | 'ACHIEVED'
  /** Called off, as a source reports. */
  | 'CANCELLED'
  /** Later than first stated, as a source reports. */
  | 'DELAYED'
  /** Paused, as a source reports. */
  | 'ON_HOLD'
  /** Planned for its target date. */
  | 'PLANNED';

/** Where a programme stands as a whole, as its sources describe it. */
export type ProgramStatus =
  /** Announced; nothing stated beyond the announcement. */
  | 'ANNOUNCED'
  /** Called off, as a source reports. */
  | 'CANCELLED'
  /** Paused, as a source reports. */
  | 'ON_HOLD'
  /** At least part of it is running. */
  | 'OPERATIONAL'
  /** A bid or proposal, not yet agreed (e.g. a candidate EU AI gigafactory). */
  | 'PROPOSED'
  /** Sites are being built or GPUs installed. */
  | 'UNDER_CONSTRUCTION';

/** How a stated figure bounds the real one: sources often say "up to" or "more than". */
export type QuantityBound =
  /** The figure is rounded or estimated ("about", 약). */
  | 'APPROXIMATE'
  /** The figure is a minimum ("more than", 이상). */
  | 'AT_LEAST'
  /** The figure is stated as is. */
  | 'EXACT'
  /** The figure is a maximum ("up to", 최대). */
  | 'UP_TO';

/** How a citation's quote relates to its source's text. */
export type QuoteKind =
  /** A summary of what the source says, kept where the source's text was not available to quote. */
  | 'PARAPHRASE'
  /** The source's own words, in its original language. */
  | 'VERBATIM';

export type CitationsQueryVariables = Exact<{
  id?: string | number;
}>;


export type CitationsQuery = { node:
    | { __typename: 'Allocation', id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } }
    | { __typename: 'AuditEvent', id: string }
    | { __typename: 'Citation', id: string }
    | { __typename: 'Commitment', id: string }
    | { __typename: 'Discrepancy', id: string }
    | { __typename: 'ExchangeRate', id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } }
    | { __typename: 'GpuModel', id: string }
    | { __typename: 'Initiative', id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } }
    | { __typename: 'InitiativeParticipant', id: string }
    | { __typename: 'Investment', id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } }
    | { __typename: 'InvestmentInvestor', id: string }
    | { __typename: 'Partner', id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> }, allocations: { edges: Array<{ node: { id: string, quantity: number, bound: QuantityBound, program: { slug: string }, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } } }> } }
    | { __typename: 'Phase', id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } }
    | { __typename: 'PowerCapacity', id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } }
    | { __typename: 'Program', id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } }
    | { __typename: 'ProgramCountry', id: string }
    | { __typename: 'ProgramSupplier', id: string }
    | { __typename: 'Source', id: string }
   | null };

export type DashboardQueryVariables = Exact<{
  slug?: string;
}>;


export type DashboardQuery = { program: { id: string, name: string, nameKo: string | null, announcedOn: string, status: ProgramStatus, statedGpuTotal: number | null, statedGpuTotalBound: QuantityBound | null, supplier: { name: string, nameKo: string | null }, powerCapacities: { edges: Array<{ node: { id: string, mw: string, mwHigh: string | null, bound: QuantityBound, scope: string, location: string | null, phase: { id: string, name: string } | null } }> }, phases: { edges: Array<{ node: { id: string, name: string, targetDate: string | null, targetPrecision: DatePrecision | null, status: PhaseStatus, achievedOn: string | null } }> }, gpuTotal: { quantity: number, exact: boolean, bound: QuantityBound, lowerBound: number, upperBound: number | null, byBound: Array<{ bound: QuantityBound, quantity: number }> }, nationalCapacity: { before: number | null, beforeBound: QuantityBound | null, stated: number | null, statedBound: QuantityBound | null, after: number | null, afterBound: QuantityBound | null, afterLowerBound: number | null, afterUpperBound: number | null }, discrepancies: { edges: Array<{ node: { id: string, field: string, description: string, resolution: string } }> }, allocations: { edges: Array<{ node: { id: string, partner: { id: string }, discrepancies: { edges: Array<{ node: { id: string, field: string, description: string, resolution: string } }> } } }> } } | null, byPartner: { groups: Array<{ label: string, labelKo: string | null, share: number, allocationCount: number, partner: { id: string, name: string, nameKo: string | null, kind: PartnerKind } | null, gpuTotal: { quantity: number, bound: QuantityBound } }> }, byKind: { groups: Array<{ partnerKind: PartnerKind | null, label: string, labelKo: string | null, share: number, allocationCount: number, gpuTotal: { quantity: number, bound: QuantityBound } }> }, byModel: { groups: Array<{ label: string, labelKo: string | null, share: number, allocationCount: number, gpuModel: { id: string, name: string } | null, gpuTotal: { quantity: number, bound: QuantityBound } }> } };

export type InitiativesQueryVariables = Exact<{
  slug?: string;
}>;


export type InitiativesQuery = { program: { id: string, initiatives: { edges: Array<{ node: { id: string, name: string, nameKo: string | null, domain: InitiativeDomain, gpuTotal: { quantity: number, bound: QuantityBound, allocationCount: number }, participants: { edges: Array<{ node: { id: string, role: ParticipantRole, contribution: string | null, partner: { id: string, name: string, nameKo: string | null } } }> } } }> } } | null };

export type InvestmentsQueryVariables = Exact<{
  slug?: string;
  currency?: string;
}>;


export type InvestmentsQuery = { program: { id: string, investmentTotal: { amount: string, currency: string, bound: QuantityBound, exact: boolean, conversions: Array<{ converted: string, original: { amount: string, currency: string }, rate: { id: string, baseAmount: string, baseCurrency: string, quoteAmount: string, quoteCurrency: string, asOf: string, rate: string, kind: ExchangeRateKind } }> } | null, investments: { edges: Array<{ node: { id: string, title: string, titleKo: string | null, bound: QuantityBound, announcedOn: string, amount: { amount: string, currency: string }, investors: { edges: Array<{ node: { id: string, shareDisclosed: boolean, partner: { id: string, name: string, nameKo: string | null } } }> }, discrepancies: { edges: Array<{ node: { id: string, field: string, description: string, resolution: string } }> } } }> } } | null };

export type CitationPartsFragment = { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } };

export type DiscrepancyPartsFragment = { id: string, field: string, description: string, resolution: string };

export type TotalsGroupPartsFragment = { label: string, labelKo: string | null, share: number, allocationCount: number, gpuTotal: { quantity: number, bound: QuantityBound } };

export type ProgramTotalsChangedSubscriptionVariables = Exact<{
  slug: string;
}>;


export type ProgramTotalsChangedSubscription = { programTotalsChanged: { id: string, gpuTotal: { quantity: number, bound: QuantityBound } } };

export type AllocationChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AllocationChangedSubscription = { allocationChanged: { kind: ChangeKind, allocationId: string } };

export type WorldQueryVariables = Exact<{
  currency?: string;
}>;


export type WorldQuery = { programs: { totalCount: number, edges: Array<{ node: { id: string, slug: string, name: string, nameKo: string | null, country: string, announcedOn: string, announcedOnPrecision: DatePrecision, status: ProgramStatus, statedGpuTotal: number | null, statedGpuTotalBound: QuantityBound | null, partnerCount: number, countries: Array<{ country: string, role: CountryRole, primary: boolean }>, supplier: { id: string, name: string, nameKo: string | null }, otherSuppliers: Array<{ partner: { id: string, name: string, nameKo: string | null } }>, powerCapacities: { totalCount: number, edges: Array<{ node: { id: string, mw: string, mwHigh: string | null, bound: QuantityBound, scope: string, location: string | null } }> }, commitments: { edges: Array<{ node: { id: string, subject: CommitmentSubject, statedPhrase: string, currency: string | null } }> }, gpuTotal: { quantity: number, exact: boolean, bound: QuantityBound, lowerBound: number, upperBound: number | null, allocationCount: number }, investmentTotal: { amount: string, currency: string, bound: QuantityBound, exact: boolean, investmentCount: number, conversions: Array<{ converted: string, original: { amount: string, currency: string }, rate: { id: string, baseCurrency: string, quoteCurrency: string, asOf: string, rate: string, kind: ExchangeRateKind }, viaRate: { id: string, baseCurrency: string, quoteCurrency: string, asOf: string, rate: string, kind: ExchangeRateKind } | null }> } | null } }> }, exchangeRates: { edges: Array<{ node: { id: string, baseCurrency: string, quoteCurrency: string } }> }, investments: { edges: Array<{ node: { id: string, amount: { currency: string } } }> } };

export type ProgramFigureCitationsQueryVariables = Exact<{
  id?: string | number;
}>;


export type ProgramFigureCitationsQuery = { node:
    | { __typename: 'Allocation', id: string }
    | { __typename: 'AuditEvent', id: string }
    | { __typename: 'Citation', id: string }
    | { __typename: 'Commitment', id: string }
    | { __typename: 'Discrepancy', id: string }
    | { __typename: 'ExchangeRate', id: string }
    | { __typename: 'GpuModel', id: string }
    | { __typename: 'Initiative', id: string }
    | { __typename: 'InitiativeParticipant', id: string }
    | { __typename: 'Investment', id: string }
    | { __typename: 'InvestmentInvestor', id: string }
    | { __typename: 'Partner', id: string }
    | { __typename: 'Phase', id: string }
    | { __typename: 'PowerCapacity', id: string }
    | { __typename: 'Program', id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> }, allocations: { edges: Array<{ node: { id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } } }> }, investments: { edges: Array<{ node: { id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } } }> }, powerCapacities: { edges: Array<{ node: { id: string, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } } }> }, commitments: { edges: Array<{ node: { id: string, subject: CommitmentSubject, citations: { edges: Array<{ node: { id: string, field: string | null, quote: string, quoteKind: QuoteKind, stance: CitationStance, statement: string, locator: string | null, source: { publisher: string, title: string | null, url: string | null, language: string } } }> } } }> } }
    | { __typename: 'ProgramCountry', id: string }
    | { __typename: 'ProgramSupplier', id: string }
    | { __typename: 'Source', id: string }
   | null };

export const CitationPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CitationParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Citation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"quoteKind"}},{"kind":"Field","name":{"kind":"Name","value":"stance"}},{"kind":"Field","name":{"kind":"Name","value":"statement"}},{"kind":"Field","name":{"kind":"Name","value":"locator"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publisher"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}}]}}]} as unknown as DocumentNode<CitationPartsFragment, unknown>;
export const DiscrepancyPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DiscrepancyParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Discrepancy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}}]}}]} as unknown as DocumentNode<DiscrepancyPartsFragment, unknown>;
export const TotalsGroupPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TotalsGroupParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"labelKo"}},{"kind":"Field","name":{"kind":"Name","value":"share"}},{"kind":"Field","name":{"kind":"Name","value":"allocationCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"bound"}}]}}]}}]} as unknown as DocumentNode<TotalsGroupPartsFragment, unknown>;
export const CitationsDocument = {"__meta__":{"hash":"da370fdf8cc69821f647f4dd2b56487228153950bb944ed014e1da13c990ded6"}} as unknown as DocumentNode<CitationsQuery, CitationsQueryVariables>;
export const DashboardDocument = {"__meta__":{"hash":"629d76cec38133024ae70652f176068650b553a5fea4b152f949804b75fc4ef4"}} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const InitiativesDocument = {"__meta__":{"hash":"b7128e7b4e5e24e7bf671a9a6ece4261169d0d2bbdfd3f19988113113f61bd1d"}} as unknown as DocumentNode<InitiativesQuery, InitiativesQueryVariables>;
export const InvestmentsDocument = {"__meta__":{"hash":"0a165ece07673daf89ed63418a3f600b191c907f0525f81999baa3b6aaf9f71d"}} as unknown as DocumentNode<InvestmentsQuery, InvestmentsQueryVariables>;
export const ProgramTotalsChangedDocument = {"__meta__":{"hash":"592593c599ed1660c00d6864504d9135089ae08517a7850dc009bb6bb4c660f2"}} as unknown as DocumentNode<ProgramTotalsChangedSubscription, ProgramTotalsChangedSubscriptionVariables>;
export const AllocationChangedDocument = {"__meta__":{"hash":"4465645983f6bc0171815eb0c5c059d11ff8a72e328156d7e9c585ae9c20c889"}} as unknown as DocumentNode<AllocationChangedSubscription, AllocationChangedSubscriptionVariables>;
export const WorldDocument = {"__meta__":{"hash":"623e32f9dc1aac1c1f18a58d7af9f55e0aeddea9d1bb6c1c107bda1836047fe2"}} as unknown as DocumentNode<WorldQuery, WorldQueryVariables>;
export const ProgramFigureCitationsDocument = {"__meta__":{"hash":"430ba264c5e78f6499073f8bc6a40a4e349975105ab4f97053d2b71fefebc8c4"}} as unknown as DocumentNode<ProgramFigureCitationsQuery, ProgramFigureCitationsQueryVariables>;