// drizzle-graphql's generated schema on graphql-yoga with no plugins, for one database file: what
// bench/peers/drizzle-graphql-server.ts serves over node:http and bench/cpu-drizzle-graphql.ts
// drives in process. Only the tables and columns the bench's operations touch are declared.
import Database from 'better-sqlite3';
import { relations } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { buildSchema } from 'drizzle-graphql';
import { createYoga } from 'graphql-yoga';

const partners = sqliteTable('partners', {
  id: integer('id').primaryKey(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
});

const programs = sqliteTable('programs', {
  id: integer('id').primaryKey(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  announcedOn: text('announced_on').notNull(),
});

const initiatives = sqliteTable('initiatives', {
  id: integer('id').primaryKey(),
  programId: integer('program_id').notNull(),
  name: text('name').notNull(),
});

const gpuModels = sqliteTable('gpu_models', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
});

const allocations = sqliteTable('allocations', {
  id: integer('id').primaryKey(),
  partnerId: integer('partner_id').notNull(),
  gpuModelId: integer('gpu_model_id'),
  initiativeId: integer('initiative_id'),
  quantity: integer('quantity').notNull(),
  bound: text('bound').notNull(),
  status: text('status').notNull(),
  announcedOn: text('announced_on').notNull(),
});

const sources = sqliteTable('sources', {
  id: integer('id').primaryKey(),
  publisher: text('publisher').notNull(),
});

const citations = sqliteTable('citations', {
  id: integer('id').primaryKey(),
  sourceId: integer('source_id').notNull(),
  allocationId: integer('allocation_id'),
  quote: text('quote').notNull(),
});

const partnersRelations = relations(partners, ({ many }) => ({ allocations: many(allocations) }));
const programsRelations = relations(programs, ({ many }) => ({ initiatives: many(initiatives) }));
const initiativesRelations = relations(initiatives, ({ one, many }) => ({
  program: one(programs, { fields: [initiatives.programId], references: [programs.id] }),
  allocations: many(allocations),
}));
const gpuModelsRelations = relations(gpuModels, ({ many }) => ({ allocations: many(allocations) }));
const allocationsRelations = relations(allocations, ({ one, many }) => ({
  partner: one(partners, { fields: [allocations.partnerId], references: [partners.id] }),
  gpuModel: one(gpuModels, { fields: [allocations.gpuModelId], references: [gpuModels.id] }),
  initiative: one(initiatives, { fields: [allocations.initiativeId], references: [initiatives.id] }),
  citations: many(citations),
}));
const sourcesRelations = relations(sources, ({ many }) => ({ citations: many(citations) }));
const citationsRelations = relations(citations, ({ one }) => ({
  source: one(sources, { fields: [citations.sourceId], references: [sources.id] }),
  allocation: one(allocations, { fields: [citations.allocationId], references: [allocations.id] }),
}));

const tables = {
  programs,
  initiatives,
  partners,
  gpuModels,
  allocations,
  sources,
  citations,
  programsRelations,
  initiativesRelations,
  partnersRelations,
  gpuModelsRelations,
  allocationsRelations,
  sourcesRelations,
  citationsRelations,
};

/** drizzle-graphql's yoga over `databasePath`, the statements it has run so far, and a close. */
export function drizzleGraphqlYoga(databasePath: string) {
  const sqlite = new Database(databasePath);
  // Same settings as the floor: reads only, and wait for a writer instead of failing.
  sqlite.pragma('query_only = ON');
  sqlite.pragma('busy_timeout = 5000');
  let statements = 0;
  const db = drizzle(sqlite, { schema: tables, logger: { logQuery: () => void (statements += 1) } });
  // Reads only, as the bench sends; the generated mutations would only enlarge the schema.
  const { schema } = buildSchema(db, { mutations: false });
  const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', logging: false, landingPage: false, graphiql: false });
  return { yoga, statements: () => statements, close: () => sqlite.close() };
}
