import { builder } from '../builder.js';
import { rootList } from '../conventions/root-list.js';
import { PartnerKind } from '../enums.js';
import { defineFilter, enumFilter } from '../conventions/filters.js';
import { orderInput } from '../conventions/ordering.js';
import { allocations, partners as partnersTable } from '../../db/schema.js';
import { GpuTotal, gpuTotalOrderExpression, partnerGpuTotals } from '../features/gpu-total.js';
import { partnerGpuShares } from '../features/partner-totals.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';

export const partnerFilter = defineFilter({
  typename: 'Partner',
  table: 'partners',
  description: 'Which partners to return; all given conditions must hold.',
  fields: {
    id: { kind: 'id', description: 'By global ID.' },
    slug: { kind: 'string', description: 'By slug.' },
    kind: { kind: enumFilter('PartnerKindFilter', PartnerKind, 'a partner kind'), description: 'By kind of organisation.' },
    search: {
      search: (table) => [table.nameFolded!, table.nameKoFolded!],
      arrays: (table) => [table.aliasesFolded!],
      description:
        'Case-insensitive text in the English or Korean name or in an alias: "samsung" and "삼성" both find Samsung Electronics, "현대차" finds Hyundai Motor Group.',
    },
    allocations: { filter: 'Allocation', description: 'Partners with at least one allocation matching this.' },
    initiatives: {
      filter: 'InitiativeParticipant',
      relation: 'participations',
      description: 'Partners taking part in at least one initiative as this describes (initiative, role).',
    },
    investments: { filter: 'Investment', description: 'Partners investing in at least one investment matching this.' },
  },
});
export const { input: PartnerFilter, spec: partnerFilterSpec } = partnerFilter;

export const partnerOrder = orderInput('Partner', {
  NAME: { column: 'name', description: 'English name.' },
  NAME_KO: { column: 'nameKo', description: 'Korean name.' },
  KIND: { column: 'kind', description: 'Kind of organisation.' },
  SLUG: { column: 'slug', description: 'Slug.' },
  GPU_TOTAL: {
    column: 'gpuTotal',
    description: 'Total GPUs allocated to the partner.',
    expression: gpuTotalOrderExpression(allocations.partnerId),
  },
});

export const Partner = builder.drizzleNode('partners', {
  name: 'Partner',
  description: 'An organisation in a programme: a government, company, cloud provider, telecom, university or institute.',
  id: { column: (partner) => partner.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    slug: t.exposeString('slug', { description: 'URL-safe unique key, e.g. `samsung-electronics`.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameKo: t.exposeString('nameKo', { nullable: true, description: 'Name in Korean, e.g. 삼성전자.' }),
    kind: t.expose('kind', { type: PartnerKind, description: 'What kind of organisation it is.' }),
    description: t.exposeString('description', { nullable: true, description: 'Who it is, in a sentence.' }),
    website: t.exposeString('website', { nullable: true, description: 'Its website.' }),
    aliases: t.exposeStringList('aliases', {
      description:
        'Other names the sources use for it: short, former, English or Korean forms (현대차그룹, 현대차 for 현대자동차그룹). `search` finds them.',
    }),
    gpuTotal: t.field({
      type: GpuTotal,
      description: 'All GPUs allocated to this partner, across programmes.',
      resolve: (partner, _args, context) => partnerGpuTotals(context).load(partner.id),
    }),
    gpuShare: t.float({
      nullable: true,
      description:
        "This partner's GPUs as a fraction (0 to 1) of all GPUs in the programmes it has allocations in (NAVER Cloud: 60,000 / 260,000); null when it has none.",
      resolve: (partner, _args, context) => partnerGpuShares(context).load(partner.id),
    }),
  }),
});

builder.queryFields((t) => ({
  partners: rootList(t, {
    table: 'partners',
    description: 'Partners, by English name unless `orderBy` says otherwise.',
    filter: partnerFilter,
    filterDescription: 'Which partners to return.',
    order: partnerOrder,
    defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  }),
  partner: t.drizzleField({
    type: 'partners',
    nullable: true,
    description: 'The partner with this slug, or null.',
    args: { slug: t.arg.string({ required: true, description: 'The slug, e.g. `naver-cloud`.' }) },
    resolve: (query, _root, args, context) => context.db.query.partners.findFirst(query({ where: { slug: args.slug } })),
  }),
}));

defineWrites({
  typename: 'Partner',
  table: partnersTable,
  node: Partner,
  payloadField: 'partner',
  fields: {
    slug: { type: 'String', required: true, validate: rules.slug, description: 'URL-safe unique key, e.g. `samsung-electronics`.' },
    name: { type: 'String', required: true, validate: rules.name, description: 'Name in English.' },
    nameKo: { type: 'String', nullable: true, validate: rules.name, description: 'Name in Korean.' },
    kind: { type: PartnerKind, required: true, description: 'What kind of organisation it is.' },
    description: { type: 'String', nullable: true, validate: rules.optionalText, description: 'Who it is, in a sentence.' },
    website: { type: 'String', nullable: true, validate: rules.url, description: 'Its website, an http(s) URL.' },
    aliases: { type: ['String'], validate: rules.aliases, description: 'Other names the sources use for it; none unless given.' },
  },
});
