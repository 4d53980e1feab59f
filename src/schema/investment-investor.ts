import { builder } from './builder.js';
import { CitationFilter, citationFilterSpec } from './citation.js';
import { toWhere } from './filters.js';
import { Versioned } from './versioned.js';
import { defineWrites } from './writes.js';
import { investmentInvestors as investorsTable } from '../db/schema.js';

export const InvestmentInvestor = builder.drizzleNode('investmentInvestors', {
  name: 'InvestmentInvestor',
  description: 'A partner putting money into an investment, with the sources that say so.',
  id: { column: (investor) => investor.id },
  interfaces: [Versioned],
  fields: (t) => ({
    investment: t.relation('investment', { description: 'The investment.' }),
    partner: t.relation('partner', { description: 'The investor.' }),
    citations: t.relatedConnection('citations', {
      description: 'Sources naming this partner as an investor.',
      totalCount: true,
      args: { filter: t.arg({ type: CitationFilter, description: 'Which citations to return.' }) },
      query: (args) => ({ where: toWhere(citationFilterSpec, args.filter), orderBy: { id: 'asc' } }),
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
  },
});
