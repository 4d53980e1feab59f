import { corroborationFields } from '../features/corroboration.js';
import { builder } from '../builder.js';
import { AllocationStatus, CommitmentSubject } from '../enums.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { ValidationError } from '../conventions/error-classes.js';
import { defineWrites, valueAfter } from '../conventions/writes.js';
import { commitments as commitmentsTable } from '../../db/schema.js';

export const Commitment = builder.drizzleNode('commitments', {
  name: 'Commitment',
  description:
    'GPUs or money a source commits without a number ("several hundred thousand" GPUs, "a major investment"): kept with its stated phrase, never counted in a total.',
  id: { column: (commitment) => commitment.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    slug: t.exposeString('slug', { description: 'URL-safe unique key.' }),
    program: t.relation('program', { description: 'The programme.' }),
    partner: t.relation('partner', { nullable: true, description: 'Who commits or receives; null when only the programme is named.' }),
    subject: t.expose('subject', { type: CommitmentSubject, description: 'GPUs or money.' }),
    statedPhrase: t.exposeString('statedPhrase', {
      description: 'The amount in the sources\' words and language, e.g. "several hundred thousand" or "migliaia".',
    }),
    gpuModel: t.relation('gpuModel', { nullable: true, description: 'For GPUs: the model, when named.' }),
    currency: t.expose('currency', { type: 'Currency', nullable: true, description: 'For money: the currency, when named.' }),
    status: t.expose('status', { type: AllocationStatus, description: 'How far the commitment has progressed.' }),
    purpose: t.exposeString('purpose', { nullable: true, description: 'What it is for.' }),
    announcedOn: t.expose('announcedOn', { type: 'Date', description: 'When it was stated.' }),
    ...corroborationFields(t as never, 'commitmentId'),
  }),
});

defineWrites({
  typename: 'Commitment',
  table: commitmentsTable,
  node: Commitment,
  payloadField: 'commitment',
  fields: {
    slug: { type: 'String', required: true, validate: rules.slug, description: 'URL-safe unique key.' },
    programId: { type: 'ID', required: true, references: 'Program', description: 'The programme: a Program ID.' },
    partnerId: {
      type: 'ID',
      nullable: true,
      references: 'Partner',
      description: 'Who commits or receives: a Partner ID, or null when only the programme is named.',
    },
    subject: { type: CommitmentSubject, required: true, description: 'GPUS or MONEY.' },
    statedPhrase: {
      type: 'String',
      required: true,
      validate: rules.name,
      description: 'The amount in the sources\' words and language, e.g. "several hundred thousand".',
    },
    gpuModelId: { type: 'ID', nullable: true, references: 'GpuModel', description: 'For GPUS only: the model, a GpuModel ID, when named.' },
    currency: { type: 'Currency', nullable: true, validate: rules.currency, description: 'For MONEY only: the currency, when named.' },
    status: { type: AllocationStatus, required: true, description: 'How far the commitment has progressed.' },
    purpose: { type: 'String', nullable: true, validate: rules.optionalText, description: 'What it is for.' },
    announcedOn: { type: 'Date', required: true, description: 'When it was stated.' },
  },
  prepare: (values, _input, before) => {
    const subject = valueAfter(values, before, 'subject');
    const misplaced = subject === 'GPUS' ? 'currency' : 'gpuModelId';
    if (valueAfter(values, before, misplaced) !== null) {
      throw new ValidationError(`A ${String(subject)} commitment has no ${misplaced}.`, [
        { path: ['input', misplaced in values ? misplaced : 'subject'], message: `only for ${subject === 'GPUS' ? 'MONEY' : 'GPUS'}` },
      ]);
    }
    return values;
  },
});
