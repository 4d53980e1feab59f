import { builder } from './builder.js';
import { citationsConnection } from './shared-connections.js';
import { ParticipantRole } from './enums.js';
import { enumFilter, IDFilter, type FilterInput, type FilterSpec } from './filters.js';
import { InitiativeFilter, initiativeFilterSpec } from './initiative.js';
import { PartnerFilter, partnerFilterSpec } from './partner.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from './validators.js';
import { defineWrites } from './writes.js';
import { initiativeParticipants as participantsTable } from '../db/schema.js';

export const participantFilterSpec: FilterSpec = {
  typename: 'InitiativeParticipant',
  table: 'initiativeParticipants',
  columns: { role: 'role' },
  relations: {
    initiative: ['initiative', () => initiativeFilterSpec],
    partner: ['partner', () => partnerFilterSpec],
  },
};

const ParticipantRoleFilter = enumFilter('ParticipantRoleFilter', ParticipantRole, 'a participant role');

export const InitiativeParticipantFilter = builder.inputRef<FilterInput>('InitiativeParticipantFilter').implement({
  description: 'Which participations to return; all given conditions must hold.',
  fields: (t) => ({
    id: t.field({ type: IDFilter, description: 'By global ID.' }),
    initiative: t.field({ type: InitiativeFilter, description: 'In initiatives matching this.' }),
    partner: t.field({ type: PartnerFilter, description: 'Of partners matching this.' }),
    role: t.field({ type: ParticipantRoleFilter, description: 'By role.' }),
    AND: t.field({ type: [InitiativeParticipantFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [InitiativeParticipantFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: InitiativeParticipantFilter, description: 'This filter does not hold.' }),
  }),
});

export const InitiativeParticipant = builder.drizzleNode('initiativeParticipants', {
  name: 'InitiativeParticipant',
  description: "A partner's part in an initiative: who, in which initiative, in what role.",
  id: { column: (participant) => participant.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    initiative: t.relation('initiative', { description: 'The initiative.' }),
    partner: t.relation('partner', { description: 'The partner taking part.' }),
    role: t.expose('role', { type: ParticipantRole, description: 'Lead, participant or supporter.' }),
    contribution: t.exposeString('contribution', { nullable: true, description: 'What the partner does in it, in a sentence.' }),
    citations: citationsConnection(t, 'Sources for this participation.'),
  }),
});

defineWrites({
  typename: 'InitiativeParticipant',
  table: participantsTable,
  node: InitiativeParticipant,
  payloadField: 'initiativeParticipant',
  fields: {
    initiativeId: { type: 'ID', required: true, references: 'Initiative', description: 'The initiative: an Initiative ID.' },
    partnerId: { type: 'ID', required: true, references: 'Partner', description: 'The partner taking part: a Partner ID.' },
    role: { type: ParticipantRole, required: true, description: 'Lead, participant or supporter.' },
    contribution: { type: 'String', nullable: true, validate: rules.optionalText, description: 'What the partner does in it.' },
  },
});
