import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRoleAssignments } from '../../src/authorization/role-assignments.ts';
import { cycleThrough, effectiveRoles, type RoleGraph } from '../../src/authorization/role-graph.ts';
import { createRoleResolver } from '../../src/authorization/role-resolver.ts';
import { createRoleService } from '../../src/authorization/role-service.ts';
import { createEventLog, noOrigin } from '../../src/events/event-log.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { insertRealm, insertUser, operator } from '../support/fixtures.ts';
import { settleUntil, WatchedStatements } from '../support/watched-statements.ts';

const node = (id: string, includes: string[] = [], active = true, permissions: string[] = [`${id}:use`]) => [id, { id, slug: id, active, permissions, includes }] as const;

describe('the role graph', () => {
  const graph: RoleGraph = new Map([node('a', ['b']), node('b', ['c']), node('c'), node('off', ['c'], false), node('lone')]);

  it('finds the loop a new inclusion would close, and none otherwise', () => {
    assert.deepEqual(cycleThrough(graph, 'c', ['a']), ['a', 'b', 'c']);
    assert.deepEqual(cycleThrough(graph, 'a', ['a']), ['a']);
    assert.equal(cycleThrough(graph, 'lone', ['a', 'off']), undefined);
  });

  it('flattens active roles and what they include; an inactive role opens nothing', () => {
    assert.deepEqual(effectiveRoles(graph, ['a']), { roles: ['a', 'b', 'c'], permissions: ['a:use', 'b:use', 'c:use'] });
    assert.deepEqual(effectiveRoles(graph, ['off']), { roles: [], permissions: [] });
    assert.deepEqual(effectiveRoles(graph, ['off', 'b']), { roles: ['b', 'c'], permissions: ['b:use', 'c:use'] });
    assert.deepEqual(effectiveRoles(graph, ['unknown']), { roles: [], permissions: [] });
  });

  it('cannot loop on a cycle that slipped in', () => {
    const looped: RoleGraph = new Map([node('x', ['y']), node('y', ['x'])]);
    assert.deepEqual(effectiveRoles(looped, ['x']).roles, ['x', 'y']);
  });
});

for (const dialect of dialects) {
  describe(`the effective-roles cache on ${dialect}`, () => {
    let test: TestDatabase;
    const clock = new FakeClock();
    let realm: Realm;
    let userId: string;
    let listening = true;
    const db = () => test.database.db;
    const services = () => {
      const deps = { db: db(), dialect, clock, events: createEventLog(clock) };
      return { roles: createRoleService(deps), assignments: createRoleAssignments(deps) };
    };
    const resolver = () => createRoleResolver(db(), { capacity: 10, ttlMs: 10_000, now: () => clock.now(), listening: () => listening });
    /** Changes the database without telling anyone: only a cache that asks again sees them. */
    const unassignBehindItsBack = () => db().deleteFrom('role_assignments').where('user_id', '=', userId).execute();
    const assign = (role: string, startsAt?: number) =>
      services().assignments.assign(realm, userId, { role, ...(startsAt === undefined ? {} : { starts_at: new Date(startsAt).toISOString() }) }, operator, noOrigin);

    before(async () => {
      test = await createTestDatabase(dialect);
      realm = await insertRealm(db(), 'rl_cache');
      userId = await insertUser(db(), realm.id, clock.now());
      await services().roles.create(realm, { slug: 'base', permissions: ['base:read'] }, operator, noOrigin);
      await services().roles.create(realm, { slug: 'boss', permissions: ['boss:act'], includes: ['base'] }, operator, noOrigin);
    });
    after(() => test.dispose());

    it('answers from memory until a message for the realm or the user, or all', async () => {
      for (const notice of [{ realmId: realm.id }, { realmId: realm.id, userId }, 'all'] as const) {
        const cache = resolver();
        await assign('boss');
        assert.deepEqual((await cache.effective(realm.id, userId)).roles, ['base', 'boss']);
        await unassignBehindItsBack();
        assert.deepEqual((await cache.effective(realm.id, userId)).roles, ['base', 'boss'], 'cached');
        cache.invalidate({ realmId: realm.id, sessionId: 'ses_any' });
        cache.invalidate({ realmId: 'rl_other' });
        cache.invalidate({ realmId: realm.id, userId: 'usr_other' });
        assert.deepEqual((await cache.effective(realm.id, userId)).roles, ['base', 'boss'], 'others’ messages leave it');
        cache.invalidate(notice);
        assert.deepEqual((await cache.effective(realm.id, userId)).roles, [], `read again after ${JSON.stringify(notice)}`);
      }
    });

    it('shares one read of a user and of a realm between requests, and reads them again behind the cached copy in the last quarter of its time', async () => {
      const watched = new WatchedStatements();
      const watchedResolver = () => createRoleResolver(db().withPlugin(watched), { capacity: 10, ttlMs: 10_000, now: () => clock.now(), listening: () => true });
      await assign('boss');
      await watchedResolver().effective(realm.id, userId);
      const firstReads = watched.sent;
      watched.sent = 0;
      const cache = watchedResolver();
      const answers = await Promise.all(Array.from({ length: 10 }, () => cache.effective(realm.id, userId)));
      assert.ok(answers.every((answer) => answer.roles.join() === 'base,boss'));
      assert.equal(watched.sent, firstReads, 'ten requests read as much as one');

      await unassignBehindItsBack();
      clock.advance(8_000);
      assert.deepEqual((await cache.effective(realm.id, userId)).roles, ['base', 'boss'], 'served from memory at once');
      await settleUntil(() => watched.sent >= firstReads * 2);
      assert.equal(watched.sent, firstReads * 2, 'both read again behind it');
      assert.deepEqual((await cache.effective(realm.id, userId)).roles, [], 'the new reads answer');
      assert.equal(watched.sent, firstReads * 2);
    });

    it('drops a realm’s role graph with a realm message only', async () => {
      const cache = resolver();
      await assign('boss');
      await cache.effective(realm.id, userId);
      await db().updateTable('roles').set({ permissions: JSON.stringify(['base:write']) }).where('realm_id', '=', realm.id).where('slug', '=', 'base').execute();
      cache.invalidate({ realmId: realm.id, userId });
      assert.deepEqual((await cache.effective(realm.id, userId)).permissions, ['base:read', 'boss:act'], 'a user message keeps the graph');
      cache.invalidate({ realmId: realm.id });
      assert.deepEqual((await cache.effective(realm.id, userId)).permissions, ['base:write', 'boss:act']);
      await db().updateTable('roles').set({ permissions: JSON.stringify(['base:read']) }).where('realm_id', '=', realm.id).where('slug', '=', 'base').execute();
      await unassignBehindItsBack();
    });

    it('judges cached windows at every call: a start is seen without asking the database', async () => {
      const cache = resolver();
      await assign('base', clock.now() + 5_000);
      assert.deepEqual((await cache.effective(realm.id, userId)).roles, []);
      await unassignBehindItsBack();
      clock.advance(5_000);
      assert.deepEqual((await cache.effective(realm.id, userId)).roles, ['base'], 'from the cached window');
      clock.advance(10_000);
      assert.deepEqual((await cache.effective(realm.id, userId)).roles, [], 'expired after the ttl, read again');
    });

    it('keeps nothing while messages could be missed', async () => {
      const cache = resolver();
      listening = false;
      try {
        await assign('base');
        assert.deepEqual((await cache.effective(realm.id, userId)).roles, ['base']);
        await unassignBehindItsBack();
        assert.deepEqual((await cache.effective(realm.id, userId)).roles, []);
      } finally {
        listening = true;
      }
    });
  });
}
