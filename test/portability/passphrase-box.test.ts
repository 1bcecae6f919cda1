import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHashingScheduler } from '../../src/platform/hashing-scheduler.ts';
import { newPassphraseBox, openPassphraseBox } from '../../src/portability/passphrase-box.ts';

/** An export's passphrase key is derived as password hashes are: in the realm's turn of the fair queue, on a hashing worker. */
describe('passphrase box', () => {
  it("derives in the realm's turn of the hashing queue, and opens only with the same passphrase", async () => {
    const scheduler = createHashingScheduler({ maxRunning: 2, maxRunningPerKey: 1, maxQueuedPerKey: 4 });
    const turns: string[] = [];
    const hashing = { run: <T>(key: string, job: () => Promise<T>) => (turns.push(key), scheduler.run(key, job)) };
    const { box, header } = await newPassphraseBox('a long export passphrase', { hashing, realmId: 'rl_source' });
    const sealed = box.seal('a signing key');
    const opened = await openPassphraseBox('a long export passphrase', header, { hashing, realmId: 'rl_copy' });
    assert.equal(opened.open(sealed), 'a signing key');
    await assert.rejects(openPassphraseBox('not the passphrase at all', header, { hashing, realmId: 'rl_copy' }), { code: 'import.wrong_passphrase' });
    assert.deepEqual(turns, ['rl_source', 'rl_copy', 'rl_copy']);
  });

  it("answers 503 when the realm's hashing queue is full rather than queueing without end", async () => {
    const scheduler = createHashingScheduler({ maxRunning: 1, maxRunningPerKey: 1, maxQueuedPerKey: 1 });
    const where = { hashing: scheduler, realmId: 'rl_busy' };
    const results = await Promise.allSettled([1, 2, 3].map(() => newPassphraseBox('a long export passphrase', where)));
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal(refused.reason.code, 'service.unavailable');
  });
});
