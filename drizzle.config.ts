import { defineConfig } from 'drizzle-kit';

// Used by drizzle-kit only (`npm run db:generate`, `npm run db:check`); the service applies the
// generated migrations itself at start-up.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_PATH ?? './data/ai-factory-graph.db' },
});
