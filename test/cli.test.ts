// The command line tools, and the migration files, as a user or CI runs them. Each tool is
// started once here as a child process (`npm run …` or `tsx src/cli/x.ts`: its script wiring,
// the entry-point check, the exit code); everything else about a tool is tested by calling its
// `run` in process (this file, api-keys, backup, import-export, synthetic). db:backup's process
// test is in test/backup.test.ts: it copies while a service process keeps writing.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiKeyPattern, verifyApiKey } from '../src/auth/api-keys.js';
import { run as db } from '../src/cli/db.js';
import { openDatabase } from '../src/db/client.js';
import { temporaryFolder } from './helpers.js';
import { runCli } from './support/cli.js';

const root = new URL('..', import.meta.url).pathname;
const folder = temporaryFolder();
afterAll(() => folder.remove());

function spawn(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}${result.stderr}` };
}

describe('each command line tool as a process', () => {
  const databasePath = join(folder.path, 'processes', 'service.db');

  it('npm run db:seed seeds a new database', () => {
    const result = spawn('npm', ['run', '--silent', 'db:seed'], { DATABASE_PATH: databasePath });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('korea-2025: loaded');
  });

  it('npm run apikey -- create prints the new key alone on its last line', () => {
    const result = spawn('npm', ['run', '--silent', 'apikey', '--', 'create', '--name', 'smoke', '--scopes', 'read'], {
      DATABASE_PATH: databasePath,
    });
    expect(result.status, result.output).toBe(0);
    const key = result.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(key).toMatch(apiKeyPattern);
    const reopened = openDatabase({ path: databasePath });
    expect(verifyApiKey(reopened, key)).toMatchObject({ ok: true, name: 'smoke' });
    reopened.$client.close();
  });

  it('npm run data:export writes the dataset file', () => {
    const file = join(folder.path, 'processes', 'export.json');
    const result = spawn('npm', ['run', '--silent', 'data:export', '--', file], { DATABASE_PATH: databasePath });
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/^exported \d+ rows from .+service\.db to .+export\.json/);
    const document = JSON.parse(readFileSync(file, 'utf8')) as { tables: Record<string, unknown[]> };
    expect(document.tables.allocations?.length).toBeGreaterThan(0);
  });

  it('tsx src/cli/synthetic.ts fills a database, reporting progress on a non-terminal stderr', () => {
    const path = join(folder.path, 'processes', 'synthetic.db');
    const ok = spawn('npx', ['tsx', 'src/cli/synthetic.ts', '--database', path, '--allocations', '500', '--partners', '20', '--seed', '3']);
    expect(ok.status, ok.output).toBe(0);
    expect(ok.stdout).toMatch(/allocations 500/);
    expect(ok.stderr).toMatch(/synthetic data: 100%/);
  });
});

describe('npm run db:* (in process)', () => {
  const databasePath = join(folder.path, 'cli', 'service.db');

  it('seeds a new database, and a second db:seed adds nothing', async () => {
    const first = await runCli(db, ['seed'], { DATABASE_PATH: databasePath });
    expect(first.status, first.output).toBe(0);
    expect(first.output).toContain('korea-2025: loaded');
    const second = await runCli(db, ['seed'], { DATABASE_PATH: databasePath });
    expect(second.status, second.output).toBe(0);
    expect(second.output).toContain('korea-2025: already present, nothing added');
  });

  it('db:reset recreates the database with the seed only', async () => {
    const opened = openDatabase({ path: databasePath });
    opened.$client.exec("INSERT INTO partners (slug, name, kind) VALUES ('extra', 'Extra', 'COMPANY')");
    opened.$client.close();
    const reset = await runCli(db, ['reset'], { DATABASE_PATH: databasePath });
    expect(reset.status, reset.output).toBe(0);
    const reopened = openDatabase({ path: databasePath });
    expect(reopened.$client.prepare("SELECT count(*) AS n FROM partners WHERE slug = 'extra'").get()).toEqual({ n: 0 });
    reopened.$client.close();
  });

  it('db:migrate creates and migrates a new file without seeding it', async () => {
    const path = join(folder.path, 'cli', 'migrated.db');
    const result = await runCli(db, ['migrate'], { DATABASE_PATH: path });
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toBe(`migrated ${path}\n`);
    const reopened = openDatabase({ path });
    expect(reopened.$client.prepare('SELECT count(*) AS n FROM partners').get()).toEqual({ n: 0 });
    reopened.$client.close();
  });

  it('refuses an unknown command with a usage line', async () => {
    const path = join(folder.path, 'cli', 'unknown.db');
    const result = await runCli(db, ['explode'], { DATABASE_PATH: path });
    expect(result.status).toBe(2);
    expect(result.output).toContain('usage:');
    expect(existsSync(path)).toBe(false);
  });
});

describe('drizzle/ migrations', () => {
  it('match src/db/schema.ts: generating again produces no new migration', () => {
    const out = join(folder.path, 'drizzle-copy');
    cpSync(join(root, 'drizzle'), out, { recursive: true });
    const before = readdirSync(out).sort();
    const result = spawn('npx', ['drizzle-kit', 'generate', '--dialect', 'sqlite', '--schema', './src/db/schema.ts', '--out', out]);
    expect(result.status, result.output).toBe(0);
    expect(readdirSync(out).sort()).toEqual(before);
  });

  it('pass drizzle-kit check', () => {
    const result = spawn('npx', ['drizzle-kit', 'check', '--dialect', 'sqlite', '--out', join(root, 'drizzle')]);
    expect(result.status, result.output).toBe(0);
  });
});
