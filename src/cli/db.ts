// `npm run db:migrate | db:seed | db:reset`: database maintenance from the command line.
import { rmSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { seedDatabase } from '../db/seed/index.js';

const usage = 'usage: tsx src/cli/db.ts migrate|seed|reset';
const command = process.argv[2];
const config = loadConfig();

function report(results: ReturnType<typeof seedDatabase>): void {
  for (const result of results) {
    console.log(`${result.dataset}: ${result.loaded ? 'loaded' : 'already present, nothing added'}`);
  }
}

switch (command) {
  case 'migrate': {
    const db = openDatabase({ path: config.databasePath });
    db.$client.close();
    console.log(`migrated ${config.databasePath}`);
    break;
  }
  case 'seed': {
    const db = openDatabase({ path: config.databasePath });
    report(seedDatabase(db));
    db.$client.close();
    break;
  }
  case 'reset': {
    if (config.databasePath !== ':memory:') {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.databasePath}${suffix}`, { force: true });
    }
    const db = openDatabase({ path: config.databasePath });
    report(seedDatabase(db));
    db.$client.close();
    console.log(`reset ${config.databasePath}: recreated, migrated and seeded`);
    break;
  }
  default:
    console.error(usage);
    process.exit(2);
}
