// Relations for drizzle's relational queries (v2). @pothos/plugin-drizzle plans its joins from
// these, so every GraphQL relation field needs a relation here.
import { defineRelations } from 'drizzle-orm';
import * as schema from './schema.js';

export const relations = defineRelations(schema, (r) => ({
  programs: {
    supplier: r.one.partners({ from: r.programs.supplierId, to: r.partners.id, optional: false }),
    allocations: r.many.allocations({ from: r.programs.id, to: r.allocations.programId }),
    initiatives: r.many.initiatives({ from: r.programs.id, to: r.initiatives.programId }),
    investments: r.many.investments({ from: r.programs.id, to: r.investments.programId }),
    citations: r.many.citations({ from: r.programs.id, to: r.citations.programId }),
    discrepancies: r.many.discrepancies({ from: r.programs.id, to: r.discrepancies.programId }),
    extraCountries: r.many.programCountries({ from: r.programs.id, to: r.programCountries.programId }),
    extraSuppliers: r.many.programSuppliers({ from: r.programs.id, to: r.programSuppliers.programId }),
    phases: r.many.phases({ from: r.programs.id, to: r.phases.programId }),
    powerCapacities: r.many.powerCapacities({ from: r.programs.id, to: r.powerCapacities.programId }),
    commitments: r.many.commitments({ from: r.programs.id, to: r.commitments.programId }),
  },
  programCountries: {
    program: r.one.programs({ from: r.programCountries.programId, to: r.programs.id, optional: false }),
    citations: r.many.citations({ from: r.programCountries.id, to: r.citations.programCountryId }),
  },
  programSuppliers: {
    program: r.one.programs({ from: r.programSuppliers.programId, to: r.programs.id, optional: false }),
    partner: r.one.partners({ from: r.programSuppliers.partnerId, to: r.partners.id, optional: false }),
    citations: r.many.citations({ from: r.programSuppliers.id, to: r.citations.programSupplierId }),
  },
  phases: {
    program: r.one.programs({ from: r.phases.programId, to: r.programs.id, optional: false }),
    powerCapacities: r.many.powerCapacities({ from: r.phases.id, to: r.powerCapacities.phaseId }),
    citations: r.many.citations({ from: r.phases.id, to: r.citations.phaseId }),
    discrepancies: r.many.discrepancies({ from: r.phases.id, to: r.discrepancies.phaseId }),
  },
  powerCapacities: {
    program: r.one.programs({ from: r.powerCapacities.programId, to: r.programs.id, optional: false }),
    phase: r.one.phases({ from: r.powerCapacities.phaseId, to: r.phases.id }),
    citations: r.many.citations({ from: r.powerCapacities.id, to: r.citations.powerCapacityId }),
    discrepancies: r.many.discrepancies({ from: r.powerCapacities.id, to: r.discrepancies.powerCapacityId }),
  },
  commitments: {
    program: r.one.programs({ from: r.commitments.programId, to: r.programs.id, optional: false }),
    partner: r.one.partners({ from: r.commitments.partnerId, to: r.partners.id }),
    gpuModel: r.one.gpuModels({ from: r.commitments.gpuModelId, to: r.gpuModels.id }),
    citations: r.many.citations({ from: r.commitments.id, to: r.citations.commitmentId }),
    discrepancies: r.many.discrepancies({ from: r.commitments.id, to: r.discrepancies.commitmentId }),
  },
  partners: {
    suppliedPrograms: r.many.programs({ from: r.partners.id, to: r.programs.supplierId }),
    allocations: r.many.allocations({ from: r.partners.id, to: r.allocations.partnerId }),
    participations: r.many.initiativeParticipants({
      from: r.partners.id,
      to: r.initiativeParticipants.partnerId,
    }),
    investorships: r.many.investmentInvestors({ from: r.partners.id, to: r.investmentInvestors.partnerId }),
    investments: r.many.investments({
      from: r.partners.id.through(r.investmentInvestors.partnerId),
      to: r.investments.id.through(r.investmentInvestors.investmentId),
    }),
    citations: r.many.citations({ from: r.partners.id, to: r.citations.partnerId }),
    discrepancies: r.many.discrepancies({ from: r.partners.id, to: r.discrepancies.partnerId }),
  },
  gpuModels: {
    allocations: r.many.allocations({ from: r.gpuModels.id, to: r.allocations.gpuModelId }),
    citations: r.many.citations({ from: r.gpuModels.id, to: r.citations.gpuModelId }),
    discrepancies: r.many.discrepancies({ from: r.gpuModels.id, to: r.discrepancies.gpuModelId }),
  },
  allocations: {
    program: r.one.programs({ from: r.allocations.programId, to: r.programs.id, optional: false }),
    partner: r.one.partners({ from: r.allocations.partnerId, to: r.partners.id, optional: false }),
    gpuModel: r.one.gpuModels({ from: r.allocations.gpuModelId, to: r.gpuModels.id }),
    initiative: r.one.initiatives({ from: r.allocations.initiativeId, to: r.initiatives.id }),
    citations: r.many.citations({ from: r.allocations.id, to: r.citations.allocationId }),
    discrepancies: r.many.discrepancies({ from: r.allocations.id, to: r.discrepancies.allocationId }),
  },
  initiatives: {
    program: r.one.programs({ from: r.initiatives.programId, to: r.programs.id, optional: false }),
    participants: r.many.initiativeParticipants({
      from: r.initiatives.id,
      to: r.initiativeParticipants.initiativeId,
    }),
    allocations: r.many.allocations({ from: r.initiatives.id, to: r.allocations.initiativeId }),
    investments: r.many.investments({ from: r.initiatives.id, to: r.investments.initiativeId }),
    citations: r.many.citations({ from: r.initiatives.id, to: r.citations.initiativeId }),
    discrepancies: r.many.discrepancies({ from: r.initiatives.id, to: r.discrepancies.initiativeId }),
  },
  initiativeParticipants: {
    initiative: r.one.initiatives({
      from: r.initiativeParticipants.initiativeId,
      to: r.initiatives.id,
      optional: false,
    }),
    partner: r.one.partners({ from: r.initiativeParticipants.partnerId, to: r.partners.id, optional: false }),
    citations: r.many.citations({
      from: r.initiativeParticipants.id,
      to: r.citations.initiativeParticipantId,
    }),
  },
  investments: {
    program: r.one.programs({ from: r.investments.programId, to: r.programs.id, optional: false }),
    initiative: r.one.initiatives({ from: r.investments.initiativeId, to: r.initiatives.id }),
    investorships: r.many.investmentInvestors({
      from: r.investments.id,
      to: r.investmentInvestors.investmentId,
    }),
    investors: r.many.partners({
      from: r.investments.id.through(r.investmentInvestors.investmentId),
      to: r.partners.id.through(r.investmentInvestors.partnerId),
    }),
    citations: r.many.citations({ from: r.investments.id, to: r.citations.investmentId }),
    discrepancies: r.many.discrepancies({ from: r.investments.id, to: r.discrepancies.investmentId }),
  },
  investmentInvestors: {
    investment: r.one.investments({
      from: r.investmentInvestors.investmentId,
      to: r.investments.id,
      optional: false,
    }),
    partner: r.one.partners({ from: r.investmentInvestors.partnerId, to: r.partners.id, optional: false }),
    citations: r.many.citations({ from: r.investmentInvestors.id, to: r.citations.investmentInvestorId }),
  },
  exchangeRates: {
    citations: r.many.citations({ from: r.exchangeRates.id, to: r.citations.exchangeRateId }),
  },
  sources: {
    citations: r.many.citations({ from: r.sources.id, to: r.citations.sourceId }),
  },
  citations: {
    source: r.one.sources({ from: r.citations.sourceId, to: r.sources.id, optional: false }),
    program: r.one.programs({ from: r.citations.programId, to: r.programs.id }),
    partner: r.one.partners({ from: r.citations.partnerId, to: r.partners.id }),
    gpuModel: r.one.gpuModels({ from: r.citations.gpuModelId, to: r.gpuModels.id }),
    allocation: r.one.allocations({ from: r.citations.allocationId, to: r.allocations.id }),
    initiative: r.one.initiatives({ from: r.citations.initiativeId, to: r.initiatives.id }),
    initiativeParticipant: r.one.initiativeParticipants({
      from: r.citations.initiativeParticipantId,
      to: r.initiativeParticipants.id,
    }),
    investment: r.one.investments({ from: r.citations.investmentId, to: r.investments.id }),
    investmentInvestor: r.one.investmentInvestors({
      from: r.citations.investmentInvestorId,
      to: r.investmentInvestors.id,
    }),
    exchangeRate: r.one.exchangeRates({ from: r.citations.exchangeRateId, to: r.exchangeRates.id }),
    programCountry: r.one.programCountries({ from: r.citations.programCountryId, to: r.programCountries.id }),
    programSupplier: r.one.programSuppliers({ from: r.citations.programSupplierId, to: r.programSuppliers.id }),
    phase: r.one.phases({ from: r.citations.phaseId, to: r.phases.id }),
    powerCapacity: r.one.powerCapacities({ from: r.citations.powerCapacityId, to: r.powerCapacities.id }),
    commitment: r.one.commitments({ from: r.citations.commitmentId, to: r.commitments.id }),
    discrepancies: r.many.discrepancies({
      from: r.citations.id.through(r.discrepancyCitations.citationId),
      to: r.discrepancies.id.through(r.discrepancyCitations.discrepancyId),
    }),
  },
  apiKeys: {
    auditEvents: r.many.auditEvents({ from: r.apiKeys.id, to: r.auditEvents.apiKeyId }),
  },
  auditEvents: {
    apiKey: r.one.apiKeys({ from: r.auditEvents.apiKeyId, to: r.apiKeys.id }),
  },
  discrepancies: {
    program: r.one.programs({ from: r.discrepancies.programId, to: r.programs.id }),
    partner: r.one.partners({ from: r.discrepancies.partnerId, to: r.partners.id }),
    gpuModel: r.one.gpuModels({ from: r.discrepancies.gpuModelId, to: r.gpuModels.id }),
    allocation: r.one.allocations({ from: r.discrepancies.allocationId, to: r.allocations.id }),
    initiative: r.one.initiatives({ from: r.discrepancies.initiativeId, to: r.initiatives.id }),
    investment: r.one.investments({ from: r.discrepancies.investmentId, to: r.investments.id }),
    phase: r.one.phases({ from: r.discrepancies.phaseId, to: r.phases.id }),
    powerCapacity: r.one.powerCapacities({ from: r.discrepancies.powerCapacityId, to: r.powerCapacities.id }),
    commitment: r.one.commitments({ from: r.discrepancies.commitmentId, to: r.commitments.id }),
    citations: r.many.citations({
      from: r.discrepancies.id.through(r.discrepancyCitations.discrepancyId),
      to: r.citations.id.through(r.discrepancyCitations.citationId),
    }),
  },
}));
