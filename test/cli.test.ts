// The database commands and the migration files, run as a user or CI would run them.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { temporaryFolder } from './helpers.js';

const root = new URL('..', import.meta.url).pathname;
const folder = temporaryFolder();
afterAll(() => folder.remove());

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run db:*', () => {
  const databasePath = join(folder.path, 'cli', 'service.db');

  it('seeds a new database, and a second db:seed adds nothing', () => {
    const first = run('npm', ['run', '--silent', 'db:seed'], { DATABASE_PATH: databasePath });
    expect(first.status, first.output).toBe(0);
    expect(first.output).toContain('korea-2025: loaded');
    const second = run('npm', ['run', '--silent', 'db:seed'], { DATABASE_PATH: databasePath });
    expect(second.status, second.output).toBe(0);
    expect(second.output).toContain('korea-2025: already present, nothing added');
  });

  it('db:reset recreates the database with the seed only', async () => {
    const db = openDatabase({ path: databasePath });
    db.$client.exec("INSERT INTO partners (slug, name, kind) VALUES ('extra', 'Extra', 'COMPANY')");
    db.$client.close();
    const reset = run('npm', ['run', '--silent', 'db:reset'], { DATABASE_PATH: databasePath });
    expect(reset.status, reset.output).toBe(0);
    const reopened = openDatabase({ path: databasePath });
    expect(reopened.$client.prepare("SELECT count(*) AS n FROM partners WHERE slug = 'extra'").get()).toEqual({ n: 0 });
    reopened.$client.close();
  });

  it('refuses an unknown command with a usage line', () => {
    const result = run('npx', ['tsx', 'src/cli/db.ts', 'explode'], { DATABASE_PATH: databasePath });
    expect(result.status).toBe(2);
    expect(result.output).toContain('usage:');
  });
});

describe('drizzle/ migrations', () => {
  it('match src/db/schema.ts: generating again produces no new migration', () => {
    const out = join(folder.path, 'drizzle-copy');
    cpSync(join(root, 'drizzle'), out, { recursive: true });
    const before = readdirSync(out).sort();
    const result = run('npx', ['drizzle-kit', 'generate', '--dialect', 'sqlite', '--schema', './src/db/schema.ts', '--out', out]);
    expect(result.status, result.output).toBe(0);
    expect(readdirSync(out).sort()).toEqual(before);
  });

  it('pass drizzle-kit check', () => {
    const result = run('npx', ['drizzle-kit', 'check', '--dialect', 'sqlite', '--out', join(root, 'drizzle')]);
    expect(result.status, result.output).toBe(0);
  });
});
