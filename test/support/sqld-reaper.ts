// vitest globalSetup. TEST_ENGINE=libsql starts a sqld per database from the test workers
// (test/support/engine.ts). Vitest ends its fork workers with a signal, so a worker's
// `process.on('exit')` never runs and its sqld processes outlived the run (measured: four
// orphans after one `TEST_ENGINE=libsql npx vitest run test/write-api-world.test.ts`). Each worker
// records what it started in a folder named by AFG_SQLD_REGISTRY; this stops it all at the end.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): (() => void) | undefined {
  // Every project inherits this set-up; the first one owns the registry and cleans it up.
  if (process.env.AFG_SQLD_REGISTRY) return undefined;
  const registry = mkdtempSync(join(tmpdir(), 'afg-sqld-registry-'));
  process.env.AFG_SQLD_REGISTRY = registry;
  return () => {
    for (const entry of readdirSync(registry)) {
      const { pid, scratch } = JSON.parse(readFileSync(join(registry, entry), 'utf8')) as { pid?: number; scratch?: string };
      if (pid !== undefined) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
    rmSync(registry, { recursive: true, force: true });
    delete process.env.AFG_SQLD_REGISTRY;
  };
}
