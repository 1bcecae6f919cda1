/**
 * Fair hashing, end to end: one realm floods the server with wrong-password sign-ins against users
 * whose imported hashes are at the import bounds (each check costs up to seconds), and another
 * realm's sign-ins stay within twice their idle time. The one latency-bound test the project keeps
 * (issue #8): it compares medians of the same sign-in measured idle and under the flood, in the same
 * run, so a loaded machine slows both alike. It lives apart from the other tests (`*.latency.ts`):
 * `npm test` runs it alone before them, so no other test file shares its cores while it measures.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { systemActor } from '../../src/events/event-log.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite, type TestServer } from '../support/server.ts';
import { hashesAtTheBounds } from '../auth/password-hash-bounds-tools.ts';

const PASSWORD = 'flooded Password 1';
const QUIET_PASSWORD = 'quiet realm Password 2';
const SAMPLES = 31;
/** Below the default queue of 64 per realm, so every flood request is queued, none refused. */
const FLOOD_CLIENTS = 10;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Realm `flooded` with a user per family at the import bounds (their usernames returned), realm `quiet` with `quiet-user`. */
async function floodedAndQuiet(server: TestServer): Promise<string[]> {
  await server.services.realms.create({ name: 'Flooded', slug: 'flooded' }, systemActor);
  const quiet = await server.services.realms.create({ name: 'Quiet', slug: 'quiet' }, systemActor);
  await server.services.users.create(quiet, { username: 'quiet-user', password: QUIET_PASSWORD }, systemActor);
  const hashes = await hashesAtTheBounds(PASSWORD);
  const users = Object.entries(hashes).map(([family, hash]) => ({ username: `bound-${family}`, password_hash: hash }));
  const response = await send(server, 'POST', '/admin/v1/realms/flooded/users/import', { users }, server.adminHeaders);
  assert.deepEqual(response.json().failed, []);
  return users.map((u) => u.username);
}

/** Wrong-password sign-ins for `usernames`, FLOOD_CLIENTS at a time, until `stop()`; resolves when all have answered. */
function flood(server: TestServer, slug: string, usernames: string[]) {
  let stopped = false;
  const statuses: number[] = [];
  const client = async (offset: number) => {
    for (let i = offset; !stopped; i++) {
      const response = await send(server, 'POST', `/realms/${slug}/auth/login`, { identifier: usernames[i % usernames.length], password: 'not the password' });
      statuses.push(response.statusCode);
    }
  };
  const clients = Promise.all(Array.from({ length: FLOOD_CLIENTS }, (_, i) => client(i)));
  return {
    statuses,
    stop: async () => {
      stopped = true;
      await clients;
    },
  };
}

for (const dialect of dialects) {
  describe(`a realm flooding the hashers on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let floodedUsers: string[];

    before(async () => (floodedUsers = await floodedAndQuiet(server)));

    const quietSignIns = async (count: number) => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await server.login('quiet', 'quiet-user', QUIET_PASSWORD);
        times.push(performance.now() - started);
      }
      return times;
    };

    it("keeps another realm's sign-in within twice its idle time", async () => {
      await quietSignIns(5); // warm-up: compiled queries, the hashing worker, caches
      const idle = median(await quietSignIns(SAMPLES));

      const attack = flood(server, 'flooded', floodedUsers);
      try {
        // Wait until the flood is steady: answers coming back (the hashing workers are up) and a queue behind them.
        while (!(attack.statuses.length >= 2 && server.services.hashing.stats().queued >= FLOOD_CLIENTS - 2)) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const underFlood = await quietSignIns(SAMPLES);
        const busy = server.services.hashing.stats();
        assert.ok(busy.queued >= FLOOD_CLIENTS - 2, `the flood was still queued while measuring (${JSON.stringify(busy)})`);
        const flooded = median(underFlood);
        assert.ok(flooded <= 2 * idle, `median sign-in under the flood ${flooded.toFixed(1)} ms, idle ${idle.toFixed(1)} ms`);
      } finally {
        await attack.stop();
      }
      assert.ok(attack.statuses.length >= FLOOD_CLIENTS, 'the flood was answered');
      assert.ok(
        attack.statuses.every((status) => status === 401 || status === 429),
        `the flooded realm's wrong passwords were refused, never failed: ${[...new Set(attack.statuses)]}`,
      );
    });
  });

  describe(`a realm's full hashing queue on ${dialect}`, () => {
    const server = serverPerSuite({ dialect, config: { hashingQueuePerRealm: 2 } });
    let floodedUsers: string[];

    before(async () => (floodedUsers = await floodedAndQuiet(server)));

    it('answers 503 with Retry-After beyond it instead of queueing, while other realms sign in', async () => {
      // The first check (argon2 at the bound) takes far longer than the others take to arrive: one
      // runs, two wait, the rest are refused.
      const identifiers = [...floodedUsers, 'nobody-here', 'nobody-either', ...floodedUsers];
      const responses = await Promise.all(
        identifiers.map((identifier) => send(server, 'POST', '/realms/flooded/auth/login', { identifier, password: 'not the password' })),
      );
      const statuses = responses.map((r) => r.statusCode);
      assert.ok(statuses.every((status) => status === 503 || status === 401), `${statuses}`);
      assert.ok(statuses.filter((status) => status === 503).length >= identifiers.length / 2, `most were refused: ${statuses}`);
      assert.ok(statuses.filter((status) => status === 401).length >= 3, `the queued ones were checked: ${statuses}`);
      for (const response of responses.filter((r) => r.statusCode === 503)) {
        assert.equal(errorCode(response), 'service.unavailable');
        assert.equal(response.headers['retry-after'], '1');
      }
      await server.login('quiet', 'quiet-user', QUIET_PASSWORD);
    });
  });
}
