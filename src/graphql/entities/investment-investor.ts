import { builder } from '../builder.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';
import { investmentInvestors as investorsTable } from '../../db/schema.js';

export const InvestmentInvestor = builder.drizzleNode('investmentInvestors', {
  name: 'InvestmentInvestor',
  description: 'A partner putting money into an investment, with the sources that say so.',
  id: { column: (investor) => investor.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    investment: t.relation('investment', { description: 'The investment.' }),
    partner: t.relation('partner', { description: 'The investor.' }),
    shareDisclosed: t.boolean({
      description:
        "Whether a source states this investor's share. When false, a co-investor's share is known only to be at most the whole investment.",
      select: { columns: { shareMinor: true } },
      resolve: (investor) => investor.shareMinor !== null,
    }),
  }),
});

defineWrites({
  typename: 'InvestmentInvestor',
  table: investorsTable,
  node: InvestmentInvestor,
  payloadField: 'investmentInvestor',
  noUpdate: true,
  fields: {
    investmentId: { type: 'ID', required: true, references: 'Investment', description: 'The investment: an Investment ID.' },
    partnerId: { type: 'ID', required: true, references: 'Partner', description: 'The investor: a Partner ID.' },
    shareMinor: {
      type: 'SafeInt',
      nullable: true,
      validate: rules.positiveCount,
      description:
        "The investor's share in the investment's currency, in minor units (cents, won), when a source states it; leave it out when the split is undisclosed.",
    },
  },
});
