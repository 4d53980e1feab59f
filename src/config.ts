// Environment → typed configuration. The one module that reads process.env.
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/ai-factory-graph.db'),
  SEED_ON_START: booleanFlag.default(true),
  GRAPHIQL: booleanFlag.optional(),
  LOG_SQL: booleanFlag.default(false),
  READ_REQUIRES_KEY: booleanFlag.default(false),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** A file path, or `:memory:` for a database that lives as long as the process. */
  databasePath: string;
  /** Load the bundled datasets into an empty database at start-up. */
  seedOnStart: boolean;
  /** Serve GraphiQL at /graphql to browsers; on by default outside production. */
  graphiql: boolean;
  /** Log every SQL statement to stderr (development aid). */
  logSql: boolean;
  /** Refuse requests without an API key; reads are public otherwise. */
  readRequiresKey: boolean;
}

/** Parses the environment into a `Config`, or throws an error that names every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    databasePath: values.DATABASE_PATH,
    seedOnStart: values.SEED_ON_START,
    graphiql: values.GRAPHIQL ?? values.NODE_ENV !== 'production',
    logSql: values.LOG_SQL,
    readRequiresKey: values.READ_REQUIRES_KEY,
  };
}
