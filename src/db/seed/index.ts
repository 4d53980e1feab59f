// The datasets bundled with the service, loaded in this order on first start and by `db:seed`:
// Korea's (written as code, src/db/seed/korea-2025.ts), then one dataset file per programme in
// src/db/seed/programmes/, in the export format (docs/dataset-format.md), by name order. All go
// through one inserter, dataset-io's mergeDataset: Korea's as the document load.ts makes of it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../client.js';
import type { Dataset } from './dataset.js';
import { korea2025 } from './korea-2025.js';
import { loadDataset, loadDocument, type LoadResult } from './load.js';

export const bundledDatasets: readonly Dataset[] = [korea2025];

/** The folder of programme dataset files, found from this file so the working directory does not matter. */
export const programmeFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'programmes');

/** The programme dataset files, by name: `<slug>.json`. */
export function programmeFiles(): string[] {
  return readdirSync(programmeFolder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(programmeFolder, name));
}

/** Merges one bundled programme file; a file that does not load is a bug of the release, so it throws. */
export function loadProgrammeFile(db: Db, path: string): LoadResult {
  return loadDocument(db, JSON.parse(readFileSync(path, 'utf8')), path);
}

export interface SeedOptions {
  /** Load only these datasets (by name, e.g. `['korea-2025']`); all bundled ones by default. */
  only?: readonly string[];
}

/** Loads every bundled dataset this database does not have yet, adding only what is missing. */
export function seedDatabase(db: Db, options: SeedOptions = {}): LoadResult[] {
  const wanted = (name: string) => options.only === undefined || options.only.includes(name);
  const results = bundledDatasets.filter((dataset) => wanted(dataset.name)).map((dataset) => loadDataset(db, dataset));
  for (const path of programmeFiles()) {
    const name = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
    if (wanted(name)) results.push(loadProgrammeFile(db, path));
  }
  return results;
}
