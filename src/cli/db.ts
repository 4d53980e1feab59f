// `npm run db:migrate | db:seed | db:reset`: database maintenance from the command line.
import { rmSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { seedDatabase } from '../db/seed/index.js';

const usage = 'usage: tsx src/cli/db.ts migrate|seed|reset';
const command = process.argv[2];
const config = loadConfig();
/** What the messages name: the file, or the libSQL primary. */
const where = config.libsql ? config.libsql.url : config.databasePath;

function report(results: ReturnType<typeof seedDatabase>): void {
  for (const result of results) {
    console.log(`${result.dataset}: ${result.loaded ? 'loaded' : 'already present, nothing added'}`);
  }
}

switch (command) {
  case 'migrate': {
    const db = openDatabase({ path: config.databasePath, libsql: config.libsql });
    closeDatabase(db);
    console.log(`migrated ${where}`);
    break;
  }
  case 'seed': {
    const db = openDatabase({ path: config.databasePath, libsql: config.libsql });
    report(seedDatabase(db));
    closeDatabase(db);
    break;
  }
  case 'reset': {
    if (config.libsql) {
      // Deleting a shared primary's data from one instance's command line is not a reset.
      console.error('db:reset works on a local file only; with DATABASE_URL, recreate the libSQL database with sqld');
      process.exit(2);
    }
    if (config.databasePath !== ':memory:') {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.databasePath}${suffix}`, { force: true });
    }
    const db = openDatabase({ path: config.databasePath, libsql: config.libsql });
    report(seedDatabase(db));
    closeDatabase(db);
    console.log(`reset ${config.databasePath}: recreated, migrated and seeded`);
    break;
  }
  default:
    console.error(usage);
    process.exit(2);
}
