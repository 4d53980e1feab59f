// Where this instance's copy of the data stands against the writer's. With better-sqlite3 there
// is one file and every connection sees every commit, so the answers are trivial; with libSQL
// (DATABASE_URL) the instance reads an embedded replica that trails the primary, and this is how
// the rest of the service asks "have I got that write yet?" and "how stale am I?".

/** A replica's state as /ready and the `replica` response extension report it. */
export interface ReplicaStatus {
  /** Whether the last health check of the primary succeeded (always true for a local file). */
  primaryReachable: boolean;
  /** When the replica last synced successfully (ms since the epoch); null before the first sync or for a local file. */
  lastSyncAt: number | null;
  /** Milliseconds since that sync; 0 for a local file. */
  stalenessMs: number;
  /** The replication frame the replica has reached (0 for a local file). */
  position: number;
}

/** A replica's freshness as /ready and the `replica` response extension both show it, in this key order. */
export interface ReplicaReport {
  primaryReachable: boolean;
  /** ISO 8601; null before the first sync. */
  lastSyncAt: string | null;
  stalenessMs: number;
  position: number;
}

/** The one formatting of a replica's status for clients (src/server/http.ts, src/server/plugins/use-replica-status.ts). */
export function replicaReport(status: ReplicaStatus): ReplicaReport {
  return {
    primaryReachable: status.primaryReachable,
    lastSyncAt: status.lastSyncAt === null ? null : new Date(status.lastSyncAt).toISOString(),
    stalenessMs: status.stalenessMs,
    position: status.position,
  };
}

/**
 * The engine's replication position, for the event bus: a writer publishes `currentPosition()`
 * with its event; an instance that receives the event calls `catchUp(position)` before it
 * resolves the subscription, so the event never carries data older than the write that caused it.
 */
export interface Replication {
  readonly engine: 'sqlite' | 'libsql';
  /** The replication frame number after this instance's last write (or its replica's position, if later). */
  currentPosition(): number;
  /** Resolves once the replica holds `position`; rejects (code UNAVAILABLE) if the primary cannot be reached in time. */
  catchUp(position: number, timeoutMs?: number): Promise<void>;
  status(): ReplicaStatus;
  /** Checks the primary's health and syncs if it answers: what the background timer does every REPLICA_SYNC_MS. */
  refresh(): Promise<void>;
  /** Whether a write should be attempted now: false while the primary is known to be unreachable. */
  writable(): boolean;
  /** Stops background syncing. */
  close(): void;
}

/** The primary is unreachable: writes fail with UNAVAILABLE (src/server/errors.ts), reads keep serving. */
export class PrimaryUnavailableError extends Error {
  readonly code = 'UNAVAILABLE';
  constructor(
    message = 'The primary database is unreachable; writes are refused until it returns. Reads are served from this instance’s replica.',
  ) {
    super(message);
    this.name = 'PrimaryUnavailableError';
  }
}

/**
 * Whether `error` (or an error it wraps) says the primary could not be reached: ours, or libsql's
 * own failures to delegate a write or to sync (their messages name the Rust error, no SQL).
 */
export function isPrimaryUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 8; depth++) {
    if (cause instanceof PrimaryUnavailableError) return true;
    if (/^(WriteDelegation|Replication)\(|Hrana|PrimaryHandshakeTimeout|error trying to connect/.test(cause.message)) return true;
    // GraphQLError keeps what a resolver threw as originalError; drizzle wraps driver errors as cause.
    cause = (cause as { originalError?: unknown }).originalError ?? cause.cause;
  }
  return false;
}

/** One SQLite file: every commit is visible at once to every connection. */
export const localReplication: Replication = {
  engine: 'sqlite',
  currentPosition: () => 0,
  catchUp: async () => {},
  refresh: async () => {},
  status: () => ({ primaryReachable: true, lastSyncAt: null, stalenessMs: 0, position: 0 }),
  writable: () => true,
  close: () => {},
};

/** What the libSQL replication needs of the embedded replica connection (libsql-js's Database). */
export interface SyncingConnection {
  sync(): { frame_no?: number | undefined; frames_synced?: number } | undefined;
  maxWriteReplicationIndex(): number | undefined | null;
}

export interface LibsqlReplicationOptions {
  /** The primary's HTTP URL: its /health answers without touching the replica. */
  url: string;
  syncIntervalMs: number;
  /** The embedded replica's connection. */
  connection: SyncingConnection;
  now?: () => number;
}

/**
 * The embedded replica's replication. A background check asks the primary's /health over async
 * HTTP before each sync: libsql-js's sync() and a delegated write block the event loop for
 * seconds when the primary is gone (3–5 s, measured), so neither is tried while it is known down.
 */
export function libsqlReplication(options: LibsqlReplicationOptions): Replication {
  const now = options.now ?? Date.now;
  let frame = 0;
  let lastSyncAt: number | null = null;
  let reachable = true;
  let closed = false;
  // sqld's /health on the same HTTP listener; libsql:// is libSQL's name for https://.
  const healthUrl = `${options.url.replace(/^libsql:/, 'https:').replace(/\/+$/, '')}/health`;

  const syncNow = () => {
    const result = options.connection.sync();
    if (result?.frame_no !== undefined && result.frame_no > frame) frame = result.frame_no;
    lastSyncAt = now();
  };
  // The first sync happens when the connection opens (client.ts); its time is now.
  lastSyncAt = now();
  try {
    syncNow();
  } catch {
    reachable = false;
  }

  const healthy = async () => {
    try {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  };

  // One missed check is not an outage: under load (a busy event loop, a slow shared machine) a
  // single /health can miss its second; three in a row are. Measured: with one, CI's kill-under-load
  // test saw a write refused while the primary was up.
  let missedChecks = 0;
  const refresh = async () => {
    if (closed) return;
    if (!(await healthy())) {
      missedChecks += 1;
      if (missedChecks >= 3) reachable = false;
      return;
    }
    missedChecks = 0;
    try {
      syncNow();
      reachable = true;
    } catch {
      reachable = false;
    }
  };

  let running = false;
  const timer =
    options.syncIntervalMs > 0
      ? setInterval(() => {
          if (running) return;
          running = true;
          void refresh().finally(() => (running = false));
        }, options.syncIntervalMs)
      : undefined;
  timer?.unref();

  const currentPosition = () => {
    const written = options.connection.maxWriteReplicationIndex() ?? 0;
    return Math.max(frame, written);
  };

  return {
    engine: 'libsql',
    currentPosition,
    refresh,
    async catchUp(position, timeoutMs = 5000) {
      const deadline = now() + timeoutMs;
      while (frame < position) {
        if (reachable || (await healthy())) {
          try {
            syncNow();
            reachable = true;
            if (frame >= position) return;
          } catch {
            reachable = false;
          }
        }
        if (now() > deadline)
          throw new PrimaryUnavailableError(`This instance's replica has not reached frame ${position} (it is at ${frame}).`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    status: () => ({
      primaryReachable: reachable,
      lastSyncAt,
      stalenessMs: lastSyncAt === null ? 0 : Math.max(0, now() - lastSyncAt),
      position: frame,
    }),
    writable: () => reachable,
    close: () => {
      closed = true;
      if (timer) clearInterval(timer);
    },
  };
}
