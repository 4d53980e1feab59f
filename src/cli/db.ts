// `npm run db:migrate | db:seed | db:reset`: database maintenance from the command line.
import { rmSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { seedDatabase } from '../db/seed/index.js';
import { type CliContext, printer, processContext, runIfEntryPoint } from './io.js';

const usage = 'usage: tsx src/cli/db.ts migrate|seed|reset';

/** The command line tool: `argv` is `migrate`, `seed` or `reset`; returns the exit code. */
export function run(argv: string[], { env, stdout, stderr }: CliContext = processContext()): number {
  const print = printer(stdout);
  const printError = printer(stderr);
  const command = argv[0];
  const config = loadConfig(env);
  /** What the messages name: the file, or the libSQL primary. */
  const where = config.libsql ? config.libsql.url : config.databasePath;

  const report = (results: ReturnType<typeof seedDatabase>): void => {
    for (const result of results) {
      print(`${result.dataset}: ${result.loaded ? 'loaded' : 'already present, nothing added'}`);
    }
  };

  switch (command) {
    case 'migrate': {
      const db = openDatabase({ path: config.databasePath, libsql: config.libsql });
      closeDatabase(db);
      print(`migrated ${where}`);
      return 0;
    }
    case 'seed': {
      const db = openDatabase({ path: config.databasePath, libsql: config.libsql });
      report(seedDatabase(db));
      closeDatabase(db);
      return 0;
    }
    case 'reset': {
      if (config.libsql) {
        // Deleting a shared primary's data from one instance's command line is not a reset.
        printError('db:reset works on a local file only; with DATABASE_URL, recreate the libSQL database with sqld');
        return 2;
      }
      if (config.databasePath !== ':memory:') {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.databasePath}${suffix}`, { force: true });
      }
      const db = openDatabase({ path: config.databasePath, libsql: config.libsql });
      report(seedDatabase(db));
      closeDatabase(db);
      print(`reset ${config.databasePath}: recreated, migrated and seeded`);
      return 0;
    }
    default:
      printError(usage);
      return 2;
  }
}

await runIfEntryPoint(import.meta.url, run);
