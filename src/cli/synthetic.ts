// `npm run db:synthetic -- --partners N --allocations M …`: fills an empty database with seeded
// random data for load tests and benchmarks (see src/db/synthetic.ts).
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../config.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { defaultSyntheticOptions, generateSyntheticData, type SyntheticOptions } from '../db/synthetic.js';
import { type CliContext, type CliOutput, printer, processContext, runIfEntryPoint } from './io.js';

const usage = `usage: npm run db:synthetic -- [--database FILE] [--partners N] [--allocations N] [--programs N]
  [--initiatives N] [--investments N] [--sources N] [--citations-per-allocation N] [--seed N] [--with-seed]
Fills an empty database (DATABASE_PATH unless --database is given) with reproducible synthetic data.`;

/** The command line tool: `argv` is what follows `db:synthetic --`; returns the exit code. */
export function run(argv: string[], { env, stdout, stderr }: CliContext = processContext()): number {
  const print = printer(stdout);
  const printError = printer(stderr);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        database: { type: 'string' },
        partners: { type: 'string' },
        allocations: { type: 'string' },
        programs: { type: 'string' },
        initiatives: { type: 'string' },
        investments: { type: 'string' },
        sources: { type: 'string' },
        'citations-per-allocation': { type: 'string' },
        seed: { type: 'string' },
        'with-seed': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    printError(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const values = parsed.values;
  if (values.help) {
    print(usage);
    return 0;
  }
  const options: Partial<SyntheticOptions> = { withSeed: values['with-seed'] ?? false };
  const numeric: [keyof SyntheticOptions, string | undefined][] = [
    ['partners', values.partners],
    ['allocations', values.allocations],
    ['programs', values.programs],
    ['initiatives', values.initiatives],
    ['investments', values.investments],
    ['sources', values.sources],
    ['citationsPerAllocation', values['citations-per-allocation']],
    ['seed', values.seed],
  ];
  for (const [name, text] of numeric) {
    if (text === undefined) continue;
    const value = Number(text.replace(/_/g, ''));
    if (!Number.isSafeInteger(value) || value < 0) {
      printError(`--${name}: expected a non-negative integer, got "${text}"\n${usage}`);
      return 2;
    }
    (options as Record<string, unknown>)[name] = value;
  }

  const path = values.database ?? loadConfig(env).databasePath;
  const db = openDatabase({ path });
  const progress = progressReporter(stderr);
  try {
    const result = generateSyntheticData(db, options, progress.onProgress);
    progress.stop();
    const rows = Object.entries(result.counts)
      .map(([table, count]) => `${table} ${count}`)
      .join(', ');
    print(
      `generated in ${(result.elapsedMs / 1000).toFixed(1)} s into ${path} (seed ${options.seed ?? defaultSyntheticOptions.seed}): ${rows}`,
    );
    return 0;
  } catch (error) {
    progress.stop();
    printError(`db:synthetic failed: ${(error as Error).message}`);
    return 1;
  } finally {
    closeDatabase(db);
  }
}

/** A bar on a terminal; elsewhere (CI logs, pipes) one line per tenth done. */
function progressReporter(stderr: CliOutput): { onProgress: (done: number, total: number) => void; stop: () => void } {
  const bar = stderr.isTTY
    ? new SingleBar(
        // Only a terminal gets here: process.stderr itself, a tty.WriteStream.
        { stream: stderr as NodeJS.WriteStream, format: 'synthetic data [{bar}] {percentage}% | {value}/{total} rows | {eta}s left' },
        Presets.shades_classic,
      )
    : null;
  let started = false;
  let lastTenth = -1;
  return {
    onProgress(done, total) {
      if (bar) {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
        return;
      }
      const tenth = Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stderr.write(`synthetic data: ${tenth * 10}% (${done}/${total} rows)\n`);
      }
    },
    stop() {
      if (bar && started) bar.stop();
    },
  };
}

await runIfEntryPoint(import.meta.url, run);
