import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { composeServices, type Services } from '../../src/compose.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { AppError } from '../../src/errors.ts';
import { systemActor, type Actor } from '../../src/events/event-log.ts';
import { bootstrap } from '../../src/operators/bootstrap.ts';
import { holdGrantedRealms } from '../../src/operators/grant-check.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { rejectsWith } from '../support/fixtures.ts';

const config = { ...loadConfig({}), argon2MemoryKib: 1024, argon2Passes: 1, argon2Parallelism: 1, rateLimits: false };

for (const dialect of dialects) {
  describe(`operators on ${dialect}`, () => {
    let t: TestDatabase;
    let services: Services;
    let adminRealm: Realm;
    let first: string;
    let actor: Actor;
    let realmA: Realm;
    let realmB: Realm;
    let counter = 0;
    const email = () => `op${++counter}@example.com`;
    const newOperator = (grants: Parameters<Services['operators']['create']>[0]['grants']) =>
      services.operators.create({ email: email(), password: 'operator-password', grants }, actor);

    before(async () => {
      t = await createTestDatabase(dialect);
      const clock = new FakeClock();
      services = composeServices(config, { database: t.database, clock, logger: pino({ level: 'silent' }), masterKey: randomBytes(32) });
      const created = await bootstrap({ ...services, adminEmail: 'root@example.com', adminPassword: 'root-password-1' });
      clock.advance(1000);
      assert.deepEqual(created, { kind: 'created', email: 'root@example.com', generatedPassword: undefined });
      adminRealm = await services.realms.ensureSystemRealm();
      first = (await services.operators.list({ limit: 10 })).items[0].id;
      actor = { type: 'operator', id: first };
      realmA = await services.realms.create({ name: 'Realm A', slug: 'realm-a' }, actor);
      realmB = await services.realms.create({ name: 'Realm B', slug: 'realm-b' }, actor);
    });
    after(() => t.dispose());

    it('bootstraps one superadmin once; later starts create nothing', async () => {
      assert.deepEqual(await bootstrap({ ...services, adminEmail: 'other@example.com', adminPassword: 'other-password-1' }), { kind: 'existed' });
      const { items } = await services.operators.list({ limit: 10 });
      assert.equal(items.length, 1);
      assert.equal(items[0].email, 'root@example.com');
      assert.deepEqual(items[0].grants, [{ permission: 'superadmin' }]);
      assert.equal(adminRealm.is_system, true);
      assert.equal(adminRealm.slug, 'admin');
    });

    it('generates a strong password when none is configured', async () => {
      const fresh = await createTestDatabase(dialect);
      try {
        const other = composeServices(config, { database: fresh.database, clock: new FakeClock(), logger: pino({ level: 'silent' }), masterKey: randomBytes(32) });
        const created = await bootstrap({ ...other, adminEmail: undefined, adminPassword: undefined });
        assert.ok(created.kind === 'created');
        assert.equal(created.email, 'admin@localhost');
        assert.match(created.generatedPassword ?? '', /^[0-9A-Za-z]{24}$/);
        const admin = await other.realms.ensureSystemRealm();
        const user = await other.users.findForSignIn(admin.id, 'admin@localhost');
        assert.ok(user?.password_hash && !user.password_hash.includes(created.generatedPassword!));
      } finally {
        await fresh.dispose();
      }
    });

    it('creates an operator: a user of the admin realm with grants naming realms by id', async () => {
      const operator = await newOperator([{ permission: 'admin_realm', realms: ['realm-a', realmB.id, realmA.id] }, { permission: 'read' }]);
      assert.deepEqual(operator.grants, [{ permission: 'read' }, { permission: 'admin_realm', realms: [realmA.id, realmB.id] }]);
      assert.equal(operator.state, 'active');
      assert.equal(operator.locked, false);
      assert.deepEqual(await services.operators.get(operator.id), operator);
      const user = await services.users.findById(adminRealm.id, operator.id);
      assert.equal(user?.email, operator.email);
      assert.deepEqual(await services.operators.principalFor(operator.id, 'ses_x'), { actor: { type: 'operator', id: operator.id }, sessionId: 'ses_x', grants: operator.grants });

      const events = await services.events.list(t.database.db, adminRealm.id, { type: 'operator.created', userId: operator.id }, { limit: 10 });
      assert.equal(events.items.length, 1);
      assert.deepEqual(events.items[0].actor, actor);
    });

    it('refuses grants naming unknown realms or the admin realm, and shapes the user service refuses', async () => {
      const error = await rejectsWith(newOperator([{ permission: 'admin_realm', realms: ['realm-a', 'nope'] }]), 'operator.invalid_grant');
      assert.deepEqual(error.details, [{ field: 'grants.0.realms.1', issue: 'names no realm (nope)' }]);
      await rejectsWith(newOperator([{ permission: 'admin_realm', realms: ['admin'] }]), 'operator.invalid_grant');
      await rejectsWith(newOperator([{ permission: 'admin_realm', realms: [] }]), 'operator.invalid_grant');
      await rejectsWith(services.operators.create({ email: 'root@example.com', password: 'operator-password', grants: [] }, actor), 'user.email_taken');
      await rejectsWith(services.operators.create({ email: email(), password: 'short', grants: [] }, actor), 'password.too_short');
    });

    it('is 404 for unknown ids and for users who are not operators or belong to another realm', async () => {
      await rejectsWith(services.operators.get('usr_unknown'), 'operator.not_found');
      const plain = await services.users.create(adminRealm, { email: email(), password: 'plain-password' }, actor);
      const elsewhere = await services.users.create(realmA, { email: email(), password: 'plain-password' }, actor);
      for (const id of [plain.id, elsewhere.id]) {
        await rejectsWith(services.operators.get(id), 'operator.not_found');
        await rejectsWith(services.operators.update(id, { grants: [{ permission: 'superadmin' }] }, actor), 'operator.not_found');
        await rejectsWith(services.operators.remove(id, actor), 'operator.not_found');
        assert.equal(await services.operators.principalFor(id, null), undefined);
      }
    });

    it('lists operators by creation with keyset pagination', async () => {
      const all = (await services.operators.list({ limit: 1000 })).items.map((o) => o.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await services.operators.list({ limit: 2, cursor });
        seen.push(...page.items.map((o) => o.id));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen, all);
      assert.equal(all[0], first);
    });

    it('updates profile, state, lock and grants, recording operator.updated', async () => {
      const operator = await newOperator([{ permission: 'read' }]);
      const updated = await services.operators.update(
        operator.id,
        { display_name: 'Reader', grants: [{ permission: 'admin_all_realms' }], locked: true, state: 'inactive' },
        actor,
      );
      assert.deepEqual([updated.display_name, updated.locked, updated.state], ['Reader', true, 'inactive']);
      assert.deepEqual(updated.grants, [{ permission: 'admin_all_realms' }]);
      const unlocked = await services.operators.update(operator.id, { locked: false, state: 'active' }, actor);
      assert.deepEqual([unlocked.locked, unlocked.state], [false, 'active']);
      const events = await services.events.list(t.database.db, adminRealm.id, { type: 'operator.updated', userId: operator.id }, { limit: 10 });
      // Both were recorded at the same (fake) time, so their order in the log is arbitrary.
      assert.deepEqual(events.items.map((e) => e.details.changed).sort(), [['display_name', 'grants', 'locked', 'state'], ['locked', 'state']]);
    });

    it('keeps at least one active superadmin', async () => {
      await rejectsWith(services.operators.remove(first, actor), 'operator.last_superadmin');
      await rejectsWith(services.operators.update(first, { grants: [{ permission: 'read' }] }, actor), 'operator.last_superadmin');
      await rejectsWith(services.operators.update(first, { locked: true }, actor), 'operator.last_superadmin');
      await rejectsWith(services.operators.update(first, { state: 'inactive' }, actor), 'operator.last_superadmin');
      assert.deepEqual((await services.operators.get(first)).grants, [{ permission: 'superadmin' }]);

      // A locked superadmin cannot sign in, so it does not count.
      const locked = await newOperator([{ permission: 'superadmin' }]);
      await services.operators.update(locked.id, { locked: true }, actor);
      await rejectsWith(services.operators.update(first, { grants: [] }, actor), 'operator.last_superadmin');

      const second = await newOperator([{ permission: 'superadmin' }]);
      const demoted = await services.operators.update(first, { grants: [{ permission: 'superadmin' }, { permission: 'read' }] }, actor);
      assert.deepEqual(demoted.grants, [{ permission: 'superadmin' }, { permission: 'read' }]);
      await services.operators.update(second.id, { grants: [{ permission: 'read' }] }, actor);
      await rejectsWith(services.operators.update(first, { grants: [{ permission: 'read' }] }, actor), 'operator.last_superadmin');
      await services.operators.remove(locked.id, actor);
      await services.operators.remove(second.id, actor);
    });

    it('lets only one of two superadmins demoting each other at once succeed', async () => {
      const other = await newOperator([{ permission: 'superadmin' }]);
      const results = await Promise.allSettled([
        services.operators.update(first, { grants: [{ permission: 'read' }] }, { type: 'operator', id: other.id }),
        services.operators.update(other.id, { grants: [{ permission: 'read' }] }, actor),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.equal((refused.reason as AppError).code, 'operator.last_superadmin');
      const superadmins = (await services.operators.list({ limit: 100 })).items.filter((o) => o.grants.some((g) => g.permission === 'superadmin'));
      assert.equal(superadmins.length, 1);
      // Restore the first operator as the superadmin for the remaining tests.
      if (superadmins[0].id !== first) {
        await services.operators.update(first, { grants: [{ permission: 'superadmin' }] }, { type: 'operator', id: other.id });
      }
      await services.operators.remove(other.id, actor);
    });

    it('removes an operator and its user, recording operator.deleted', async () => {
      const operator = await newOperator([{ permission: 'read' }]);
      await services.operators.remove(operator.id, systemActor);
      await rejectsWith(services.operators.get(operator.id), 'operator.not_found');
      assert.equal(await services.operators.principalFor(operator.id, null), undefined);
      assert.equal(await services.users.findById(adminRealm.id, operator.id), undefined);
      const events = await services.events.list(t.database.db, adminRealm.id, { type: 'operator.deleted', userId: operator.id }, { limit: 10 });
      assert.equal(events.items.length, 1);
      // Its email is free again.
      const again = await services.operators.create({ email: operator.email!, password: 'operator-password', grants: [] }, actor);
      assert.notEqual(again.id, operator.id);
    });

    it('refuses grants naming a realm deleted while they were checked: no grant outlives its realm', async () => {
      const doomed = [await services.realms.create({ name: 'Doomed one' }, actor), await services.realms.create({ name: 'Doomed two' }, actor)];
      const operator = await newOperator([{ permission: 'admin_realm', realms: [realmA.id] }]);
      const before = (await services.operators.list({ limit: 100 })).items.length;
      // The realm is deleted once its grant has been found good and before the grant is stored.
      const resolve = services.lookup.resolve;
      services.lookup.resolve = async (ref) => {
        const realm = await resolve.call(services.lookup, ref);
        if (realm && doomed.some((d) => d.id === realm.id)) await services.realms.remove(realm.id, actor);
        return realm;
      };
      try {
        await rejectsWith(services.operators.update(operator.id, { grants: [{ permission: 'admin_realm', realms: [realmB.id, doomed[0]!.id] }] }, actor), 'operator.invalid_grant');
        await rejectsWith(newOperator([{ permission: 'admin_realm', realms: [doomed[1]!.id] }]), 'operator.invalid_grant');
      } finally {
        services.lookup.resolve = resolve;
      }
      assert.deepEqual((await services.operators.get(operator.id)).grants, [{ permission: 'admin_realm', realms: [realmA.id] }]);
      assert.equal((await services.operators.list({ limit: 100 })).items.length, before, 'the refused operator was undone');
    });

    // SQLite has one writer at a time: a deletion cannot start while grants are being stored.
    if (dialect === 'postgres')
      it('makes a realm\u2019s deletion wait for grants being stored, so it strips them after', async () => {
      const held = await services.realms.create({ name: 'Held while granted' }, actor);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const isHeld = new Promise<void>((resolve) => (holding = resolve));
      const granting = t.database.db.transaction().execute(async (trx) => {
        await holdGrantedRealms(trx, [{ permission: 'admin_realm', realms: [held.id] }]);
        holding();
        await released;
      });
      await isHeld;
      let removed = false;
      const removal = services.realms.remove(held.id, actor).then(() => (removed = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(removed, false, 'the deletion waits');
      release();
      await granting;
      await removal;
      assert.equal(removed, true);
    });
  });
}
