// `npm run apikey -- create | list | revoke`: managing API keys from the command line.
import { parseArgs } from 'node:util';
import {
  ApiKeyError,
  createApiKey,
  effectiveScopes,
  listApiKeys,
  normalizeApiKeyName,
  normalizeScopes,
  revokeApiKey,
} from '../auth/api-keys.js';
import { loadConfig } from '../config.js';
import { openDatabase, type Db } from '../db/client.js';
import { apiKeyScopes } from '../db/enums.js';
import { type CliContext, printer, processContext, runIfEntryPoint } from './io.js';

const usage = [
  'usage: npm run apikey -- create --name NAME --scopes SCOPE[,SCOPE…]',
  '       npm run apikey -- list',
  '       npm run apikey -- revoke ID|PREFIX',
  `scopes: ${apiKeyScopes.join(', ')} (admin implies write, write implies read)`,
].join('\n');

/** Wrong arguments: exit 2 with the usage text. */
class UsageError extends Error {}

/** Prints a line to stdout. */
type Print = (...values: unknown[]) => void;
type Action = (db: Db, print: Print) => void;

/** Each command checks its arguments first and returns the work to do, so a usage error never opens the database. */
function create(args: string[]): Action {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: 'string' }, scopes: { type: 'string', multiple: true } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (values.name === undefined) throw new UsageError('create needs --name');
  if (values.scopes === undefined) throw new UsageError('create needs --scopes');
  // `--scopes write,admin` and `--scopes write --scopes admin` mean the same.
  const scopes = normalizeScopes(
    values.scopes
      .flatMap((value) => value.split(','))
      .map((scope) => scope.trim())
      .filter(Boolean),
  );
  const name = normalizeApiKeyName(values.name);

  return (db, print) => {
    const created = createApiKey(db, { name, scopes });
    const granted = effectiveScopes(created.scopes);
    print(`Created API key ${created.id} "${created.name}" (prefix ${created.prefix}).`);
    print(`Scopes: ${created.scopes.join(' ')} (grants ${apiKeyScopes.filter((scope) => granted.has(scope)).join(', ')}).`);
    print('The key is shown once and only its hash is stored: store it now. Send it as "Authorization: Bearer <key>".');
    // The key alone on the last line, so scripts can take it with `tail -n 1`.
    print(created.key);
  };
}

function list(args: string[]): Action {
  if (args.length > 0) throw new UsageError(`list takes no arguments, got ${JSON.stringify(args[0])}`);
  return printTable;
}

function printTable(db: Db, print: Print): void {
  const keys = listApiKeys(db);
  if (keys.length === 0) {
    print('no API keys');
    return;
  }
  const header = ['id', 'name', 'prefix', 'scopes', 'created', 'last used', 'revoked'];
  const rows = keys.map((key) => [
    String(key.id),
    key.name,
    key.prefix,
    key.scopes.join(' '),
    shortTime(key.createdAt),
    shortTime(key.lastUsedAt),
    shortTime(key.revokedAt),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  for (const row of [header, ...rows]) {
    print(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
}

function revoke(args: string[]): Action {
  const [target, ...rest] = args;
  if (target === undefined) throw new UsageError('revoke needs the id or prefix of a key');
  if (rest.length > 0) throw new UsageError('revoke takes one id or prefix');
  return (db, print) => {
    const revoked = revokeApiKey(db, target);
    print(
      `Revoked API key ${revoked.id} "${revoked.name}" (prefix ${revoked.prefix}, scopes ${revoked.scopes.join(' ')}) at ${revoked.revokedAt}.`,
    );
  };
}

/** `2025-11-28T08:07:06.123Z` → `2025-11-28 08:07Z`; `-` for none. */
function shortTime(value: string | null): string {
  return value === null ? '-' : `${value.slice(0, 10)} ${value.slice(11, 16)}Z`;
}

const commands: Record<string, (args: string[]) => Action> = { create, list, revoke };

/** The command line tool: `argv` is what follows `apikey`; returns the exit code. */
export function run(argv: string[], { env, stdout, stderr }: CliContext = processContext()): number {
  const print = printer(stdout);
  const printError = printer(stderr);
  const [command, ...args] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    print(usage);
    return 0;
  }
  const parse = command === undefined ? undefined : commands[command];
  let db: Db | undefined;
  try {
    if (!parse) throw new UsageError(command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`);
    const action = parse(args);
    const config = loadConfig(env);
    db = openDatabase({ path: config.databasePath, libsql: config.libsql });
    action(db, print);
    return 0;
  } catch (error) {
    const isUsage =
      error instanceof UsageError ||
      (error instanceof ApiKeyError && (error.code === 'INVALID_NAME' || error.code === 'INVALID_SCOPES')) ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS_'));
    const message = error instanceof Error ? error.message : String(error);
    if (isUsage) {
      printError(`apikey: ${message}\n${usage}`);
      return 2;
    }
    printError(`apikey: ${message}`);
    return 1;
  } finally {
    db?.$client.close();
  }
}

await runIfEntryPoint(import.meta.url, run);
