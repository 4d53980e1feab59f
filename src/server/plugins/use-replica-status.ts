// On the libSQL engine, while the primary is unreachable, every answer says how fresh the
// embedded replica it was read from is: `extensions.replica: { primaryReachable, lastSyncAt,
// stalenessMs, position }`, the report /ready gives (src/db/replication.ts `replicaReport`).
// Reads keep being served from the replica then, and this is how a client learns their age.
// While the primary answers, the replica trails it by at most the sync interval and answers carry
// nothing extra (/ready reports the replica's state always).
import type { Plugin } from 'graphql-yoga';
import { replicaReport, type Replication } from '../../db/replication.js';

export function useReplicaStatus(replication: Replication): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      // Streams (subscriptions, @defer) and batches keep their shape; one answer gets the extension.
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const status = replication.status();
      if (status.primaryReachable) return;
      setResult({
        ...result,
        extensions: {
          ...result.extensions,
          replica: replicaReport(status),
        },
      });
    },
  };
}
