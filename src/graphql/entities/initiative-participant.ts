import { builder } from '../builder.js';
import { ParticipantRole } from '../enums.js';
import { defineFilter, enumFilter } from '../conventions/filters.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';
import { initiativeParticipants as participantsTable } from '../../db/schema.js';

export const participantFilter = defineFilter({
  typename: 'InitiativeParticipant',
  table: 'initiativeParticipants',
  description: 'Which participations to return; all given conditions must hold.',
  fields: {
    id: { kind: 'id', description: 'By global ID.' },
    initiative: { filter: 'Initiative', description: 'In initiatives matching this.' },
    partner: { filter: 'Partner', description: 'Of partners matching this.' },
    role: { kind: enumFilter('ParticipantRoleFilter', ParticipantRole, 'a participant role'), description: 'By role.' },
  },
});
export const { input: InitiativeParticipantFilter, spec: participantFilterSpec } = participantFilter;

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
