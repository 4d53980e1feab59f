import { corroborationFields } from '../features/corroboration.js';
import { builder } from '../builder.js';
import { AllocationStatus, CommitmentSubject } from '../enums.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';

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
