import cluster from 'node:cluster';
import { createBusCore, parseEnvelope, type InvalidationBus } from './invalidation-bus.ts';

/**
 * Cluster IPC: a worker sends its message to the primary, which relays it to every worker (the
 * sender too: hearing its own message back tells the sender the relay has passed it on). SQLite
 * servers run all their processes on one machine, so this is immediate and needs no database.
 */
const KIND = 'keyrealm.invalidation';

export function createClusterInvalidationBus(): InvalidationBus {
  const core = createBusCore();
  const onMessage = (raw: unknown) => {
    if (!raw || typeof raw !== 'object' || (raw as { kind?: unknown }).kind !== KIND) return;
    const envelope = parseEnvelope(raw);
    if (envelope) core.deliver(envelope.message, envelope.id);
  };
  process.on('message', onMessage);
  return {
    async publish(message) {
      const envelope = core.envelope(message);
      const echoed = core.echoOf(envelope.id);
      // This process stops the token at once; the others when the relay reaches them.
      core.deliver(envelope.message);
      // Disconnected from the primary means the process is stopping: nobody else to tell.
      if (!process.send || !process.connected) return;
      process.send({ kind: KIND, ...envelope });
      await echoed;
    },
    subscribe: core.subscribe,
    get connected() {
      return process.connected;
    },
    async close() {
      process.off('message', onMessage);
    },
  };
}

let relaying = false;

/** In the primary: relays every worker's invalidation to all workers. Installed once. */
export function relayClusterInvalidations(): void {
  if (relaying || !cluster.isPrimary) return;
  relaying = true;
  cluster.on('message', (_sender, raw: unknown) => {
    if (!raw || typeof raw !== 'object' || (raw as { kind?: unknown }).kind !== KIND) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker?.isConnected()) worker.send(raw);
    }
  });
}
