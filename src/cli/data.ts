// `npm run data:export -- <file>` and `npm run data:import -- <file> [--replace]`: the whole
// dataset as one JSON file, in the format described in docs/dataset-format.md.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import {
  describeRowCounts,
  exportDataset,
  importDataset,
  serializeDataset,
  type DatasetTableName,
  type ImportResult,
} from '../db/dataset-io.js';
import { type CliContext, type CliOutput, printer, processContext, runIfEntryPoint } from './io.js';

const usage = 'usage: tsx src/cli/data.ts export <file> | import <file> [--replace]';
/** Below this many rows an import takes about a second, and a bar would only flicker. */
const progressBarThreshold = 10_000;

const total = (counts: Record<DatasetTableName, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);

/** Writes through a temporary file, so a failed export never leaves a truncated file behind. */
function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

function exportCommand(file: string, { env, stdout }: CliContext): number {
  const config = loadConfig(env);
  const db = openDatabase({ path: config.databasePath, libsql: config.libsql });
  try {
    const document = exportDataset(db);
    writeFileAtomically(file, serializeDataset(document));
    const counts = Object.fromEntries(Object.entries(document.tables).map(([name, rows]) => [name, rows.length])) as Record<
      DatasetTableName,
      number
    >;
    printer(stdout)(`exported ${total(counts)} rows from ${config.databasePath} to ${file} (${describeRowCounts(counts)})`);
    return 0;
  } finally {
    db.$client.close();
  }
}

/** A progress bar on stderr, only for large imports on a terminal; decided at the first report. */
function progressReporter(stderr: CliOutput): { onProgress: (inserted: number, total: number) => void; stop: () => void } {
  let bar: SingleBar | null | undefined;
  return {
    onProgress(inserted, rowTotal) {
      if (bar === undefined) {
        const wanted = rowTotal > progressBarThreshold && stderr.isTTY === true;
        bar = wanted
          ? new SingleBar(
              // Only a terminal gets here: process.stderr itself, a tty.WriteStream.
              { format: 'importing [{bar}] {percentage}% | {value}/{total} rows', stream: stderr as NodeJS.WriteStream },
              Presets.shades_classic,
            )
          : null;
        bar?.start(rowTotal, inserted);
      }
      bar?.update(inserted);
    },
    stop: () => bar?.stop(),
  };
}

const failureHeadings: Record<Exclude<ImportResult, { ok: true }>['reason'], string> = {
  invalid: 'the file is not a valid dataset',
  'not-empty': 'the database already holds data; pass --replace to delete it first (API keys and the audit log are kept)',
  constraint: 'a row broke a database constraint, so every row was rolled back',
};

function importCommand(file: string, replace: boolean, { env, stdout, stderr }: CliContext): number {
  const print = printer(stdout);
  const printError = printer(stderr);
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    printError(`import failed, nothing was loaded: cannot read ${file} as JSON: ${(error as Error).message}`);
    return 1;
  }

  const config = loadConfig(env);
  const db = openDatabase({ path: config.databasePath, libsql: config.libsql });
  const progress = progressReporter(stderr);
  let result: ImportResult;
  try {
    result = importDataset(db, input, { replace, onProgress: progress.onProgress });
  } finally {
    progress.stop();
    db.$client.close();
  }

  if (!result.ok) {
    printError(`import failed, nothing was loaded: ${failureHeadings[result.reason]}`);
    for (const problem of result.problems) printError(`  ${problem.path}: ${problem.message}`);
    if (result.moreProblems) printError(`  … and more; these are the first ${result.problems.length}`);
    return 1;
  }
  const replaced = result.deletedRowCount > 0 ? `, replacing ${result.deletedRowCount} rows` : '';
  print(
    `imported ${total(result.rowCounts)} rows from ${file} into ${config.databasePath}${replaced} (${describeRowCounts(result.rowCounts)})`,
  );
  return 0;
}

/** The command line tool: `argv` is `export <file>` or `import <file> [--replace]`; returns the exit code. */
export function run(argv: string[], context: CliContext = processContext()): number {
  const printError = printer(context.stderr);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { replace: { type: 'boolean', default: false } } });
  } catch (error) {
    printError(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const [command, file, ...extra] = parsed.positionals;
  const replace = parsed.values.replace ?? false;
  if (!file || extra.length > 0 || (command === 'export' && replace)) {
    printError(usage);
    return 2;
  }
  if (command === 'export') return exportCommand(resolve(file), context);
  if (command === 'import') return importCommand(resolve(file), replace, context);
  printError(usage);
  return 2;
}

await runIfEntryPoint(import.meta.url, run);
