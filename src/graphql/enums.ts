// GraphQL enums built from the same lists as the database CHECK constraints (src/db/enums.ts).
// The description records are typed by those lists, so adding a value without documenting it
// fails type-checking.
import {
  allocationStatuses,
  citationStances,
  commitmentSubjects,
  countryRoles,
  datePrecisions,
  exchangeRateKinds,
  initiativeDomains,
  partnerKinds,
  participantRoles,
  phaseStatuses,
  programStatuses,
  quantityBounds,
  quoteKinds,
  sourceKinds,
} from '../db/enums.js';
import { builder } from './builder.js';

function enumValues<V extends string>(values: readonly V[], descriptions: Record<V, string>) {
  return Object.fromEntries(values.map((value) => [value, { description: descriptions[value] }])) as Record<V, { description: string }>;
}

export const PartnerKind = builder.enumType('PartnerKind', {
  description: 'What kind of organisation a partner is.',
  values: enumValues(partnerKinds, {
    GOVERNMENT: 'A national government or one of its ministries.',
    COMPANY: 'A company or business group.',
    CLOUD_PROVIDER: 'A company that runs GPUs as a cloud service.',
    TELECOM: 'A telecommunications operator.',
    UNIVERSITY: 'A university.',
    RESEARCH_INSTITUTE: 'A public or private research institute.',
  }),
});

export const ExchangeRateKind = builder.enumType('ExchangeRateKind', {
  description: 'What a stored exchange rate is.',
  values: enumValues(exchangeRateKinds, {
    MARKET: 'A market rate for its date (e.g. a reported closing rate), with its source.',
    SOURCE_CONVERSION: 'A source\'s own rounded conversion of one amount ("약 30억 달러(약 4조 원)"), not a market rate.',
  }),
});

export const QuantityBound = builder.enumType('QuantityBound', {
  description: 'How a stated figure bounds the real one: sources often say "up to" or "more than".',
  values: enumValues(quantityBounds, {
    EXACT: 'The figure is stated as is.',
    UP_TO: 'The figure is a maximum ("up to", 최대).',
    AT_LEAST: 'The figure is a minimum ("more than", 이상).',
    APPROXIMATE: 'The figure is rounded or estimated ("about", 약).',
  }),
});

export const AllocationStatus = builder.enumType('AllocationStatus', {
  description: 'How far an allocation of GPUs has progressed.',
  values: enumValues(allocationStatuses, {
    ANNOUNCED: 'Announced, with no contract made public.',
    CONTRACTED: 'A purchase or supply contract is signed.',
    DELIVERING: 'GPUs are being delivered or installed.',
    OPERATIONAL: 'The GPUs are in service.',
  }),
});

export const InitiativeDomain = builder.enumType('InitiativeDomain', {
  description: 'The field an initiative works in.',
  values: enumValues(initiativeDomains, {
    SOVEREIGN_AI: 'National ("sovereign") AI models and infrastructure.',
    SEMICONDUCTORS: 'Chip design, manufacturing and yield.',
    INDUSTRIAL_CLOUD: 'GPU clouds for industry.',
    MOBILITY: 'Autonomous driving, vehicles and smart factories for them.',
    PHYSICAL_AI: 'AI that acts in the physical world: robots, factories, digital twins.',
    TELECOMMUNICATIONS: 'Wireless networks, AI-RAN and 6G.',
    QUANTUM_COMPUTING: 'Quantum and hybrid quantum-classical computing.',
    OTHER: 'Any other field.',
  }),
});

export const ParticipantRole = builder.enumType('ParticipantRole', {
  description: 'The part a partner plays in an initiative.',
  values: enumValues(participantRoles, {
    LEAD: 'Leads the initiative.',
    PARTICIPANT: 'Takes part in the work.',
    SUPPORTER: 'Supports it with technology, money or policy without doing the work.',
  }),
});

export const QuoteKind = builder.enumType('QuoteKind', {
  description: "How a citation's quote relates to its source's text.",
  values: enumValues(quoteKinds, {
    VERBATIM: "The source's own words, in its original language.",
    PARAPHRASE: "A summary of what the source says, kept where the source's text was not available to quote.",
  }),
});

export const CitationStance = builder.enumType('CitationStance', {
  description: 'Whether a citation supports the value the dataset stores.',
  values: enumValues(citationStances, {
    SUPPORTS: 'The source states the stored value.',
    CONTRADICTS: "The source states a different value; see the subject's discrepancies for the resolution.",
  }),
});

export const SourceKind = builder.enumType('SourceKind', {
  description: 'What kind of document a source is.',
  values: enumValues(sourceKinds, {
    NEWS_ARTICLE: 'A news article.',
    PRESS_RELEASE: 'An official press release.',
    BLOG_POST: 'A blog post.',
    OTHER: 'Any other document.',
  }),
});

export const ProgramStatus = builder.enumType('ProgramStatus', {
  description: 'Where a programme stands as a whole, as its sources describe it.',
  values: enumValues(programStatuses, {
    ANNOUNCED: 'Announced; nothing stated beyond the announcement.',
    PROPOSED: 'A bid or proposal, not yet agreed (e.g. a candidate EU AI gigafactory).',
    UNDER_CONSTRUCTION: 'Sites are being built or GPUs installed.',
    OPERATIONAL: 'At least part of it is running.',
    ON_HOLD: 'Paused, as a source reports.',
    CANCELLED: 'Called off, as a source reports.',
  }),
});

export const DatePrecision = builder.enumType('DatePrecision', {
  description: 'How precise a date is: a date known only as "June 2025" is stored as its first day with MONTH.',
  values: enumValues(datePrecisions, {
    DAY: 'The exact day.',
    MONTH: 'The month only; the date is its first day.',
    QUARTER: 'The quarter only ("Q2 2026"); the date is its first day.',
    HALF: 'The half-year only ("first half of 2026"); the date is its first day.',
    SEASON: 'A season ("summer 2026"); the date is the first day of its first month.',
    YEAR: 'The year only ("by 2027"); the date is 1 January.',
  }),
});

export const PhaseStatus = builder.enumType('PhaseStatus', {
  description: 'Where a phase of a programme stands.',
  values: enumValues(phaseStatuses, {
    PLANNED: 'Planned for its target date.',
    ACHIEVED: 'Reached, as a source reports.',
    DELAYED: 'Later than first stated, as a source reports.',
    ON_HOLD: 'Paused, as a source reports.',
    CANCELLED: 'Called off, as a source reports.',
  }),
});

export const CountryRole = builder.enumType('CountryRole', {
  description: "A country's part in a programme.",
  values: enumValues(countryRoles, {
    HOST: 'GPUs or data centres of the programme are in this country.',
    PARTICIPANT: 'The country takes part (a partner state, a consortium member) without hosting GPUs named by the sources.',
  }),
});

export const CommitmentSubject = builder.enumType('CommitmentSubject', {
  description: 'What a commitment stated without a number is about.',
  values: enumValues(commitmentSubjects, {
    GPUS: 'GPUs ("several hundred thousand").',
    MONEY: 'Money ("a major investment", "several hundred million").',
  }),
});
