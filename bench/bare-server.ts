/**
 * The HTTP ceiling: a bare Fastify route answering a small JSON body, run with the same number of
 * processes as the Keyrealm server under test. Listens on the port given as the first argument.
 */
import cluster from 'node:cluster';
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const workers = Number(process.argv[3] ?? 1);

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i += 1) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ active: true, sub: 'usr_0000000000000000000000' }));
  await app.listen({ port, host: '127.0.0.1' });
  // A cluster worker just ends: closing its server would message a primary that may be gone (EPIPE).
  process.on('SIGTERM', () => (cluster.isWorker ? process.exit(0) : app.close().then(() => process.exit(0))));
}
