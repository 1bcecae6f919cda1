import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createApplicationService } from '../../src/applications/application-service.ts';
import { createEventLog, noOrigin } from '../../src/events/event-log.ts';
import { hashToken } from '../../src/platform/opaque-tokens.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { resetRealmContent } from '../../src/realms/realm-reset.ts';
import { createTestDatabase } from '../support/databases.ts';
import { insertRealm, insertUser, operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { device, machine, native, recordingEnder, spa, web } from './application-fixtures.ts';

/** The application service and its store on both databases, without HTTP. */
for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`applications (service) on ${dialect}`, () => {
    const t = perSuite(() => createTestDatabase(dialect));
    const clock = new FakeClock();
    const ender = recordingEnder();
    const events = createEventLog(clock);
    let service: ReturnType<typeof createApplicationService>;
    let realm: Realm;
    let other: Realm;
    before(async () => {
      service = createApplicationService({ db: t.database.db, clock, events, grants: ender });
      realm = await insertRealm(t.database.db, 'rl_apps_a');
      other = await insertRealm(t.database.db, 'rl_apps_b');
    });

    it('gives each kind its defaults', async () => {
      const made = {
        spa: await service.create(realm, spa, operator, noOrigin),
        web: await service.create(realm, web, operator, noOrigin),
        native: await service.create(realm, native, operator, noOrigin),
        machine: await service.create(realm, machine, operator, noOrigin),
        device: await service.create(realm, device, operator, noOrigin),
      };
      assert.equal(made.spa.application.tokenEndpointAuthMethod, 'none');
      assert.equal(made.spa.clientSecret, null);
      assert.deepEqual(made.spa.application.grantTypes, ['authorization_code', 'refresh_token']);
      assert.deepEqual(made.spa.application.scopes, ['openid', 'profile', 'email', 'offline_access']);
      assert.deepEqual(made.spa.application.corsOrigins, ['https://shop.example.com']);
      assert.equal(made.spa.application.consent, 'required');
      assert.equal(made.web.application.tokenEndpointAuthMethod, 'client_secret_basic');
      assert.match(made.web.clientSecret!, /^[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(made.web.application.corsOrigins, []);
      assert.equal(made.native.application.tokenEndpointAuthMethod, 'none');
      assert.deepEqual(made.machine.application.grantTypes, ['client_credentials']);
      assert.deepEqual(made.machine.application.scopes, []);
      assert.ok(made.machine.clientSecret);
      assert.deepEqual(made.device.application.grantTypes, ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token']);
      assert.equal(made.device.clientSecret, null);
      for (const { application } of Object.values(made)) {
        assert.match(application.clientId, /^app_[0-9A-Za-z]{22}$/);
        assert.equal(application.id, application.clientId);
        assert.equal(application.enabled, true);
      }
    });

    it('stores only the SHA-256 of a secret and verifies it in its own realm only', async () => {
      const { application, clientSecret } = await service.create(realm, web, operator, noOrigin);
      const row = await t.database.db.selectFrom('applications').selectAll().where('client_id', '=', application.clientId).executeTakeFirstOrThrow();
      assert.equal(row.secret_hash, hashToken(clientSecret!));
      assert.ok(!JSON.stringify(row).includes(clientSecret!));
      assert.equal((await service.secretChecker(realm.id, application.clientId))(clientSecret!), true);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(`${clientSecret!}x`), false);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(''), false);
      assert.equal((await service.secretChecker(other.id, application.clientId))(clientSecret!), false);
      assert.equal(await service.findByClientId(other.id, application.clientId), undefined);
      await rejectsWith(service.get(other, application.clientId), 'application.not_found');
      const spaApp = await service.create(realm, spa, operator, noOrigin);
      assert.equal((await service.secretChecker(realm.id, spaApp.application.clientId))(''), false);
    });

    it('keeps the previous secret verifying through the grace period only', async () => {
      const { application, clientSecret: first } = await service.create(realm, machine, operator, noOrigin);
      const { clientSecret: second } = await service.rotateSecret(realm, application.clientId, 60, operator, noOrigin);
      assert.notEqual(second, first);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(first!), true);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(second!), true);
      clock.advance(59_999);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(first!), true);
      clock.advance(1);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(first!), false);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(second!), true);
      // Rotating during a grace keeps only the secret just replaced.
      const { clientSecret: third } = await service.rotateSecret(realm, application.clientId, 60, operator, noOrigin);
      const { clientSecret: fourth } = await service.rotateSecret(realm, application.clientId, 60, operator, noOrigin);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(second!), false);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(third!), true);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(fourth!), true);
      // Without grace the replaced secret stops at once.
      await service.rotateSecret(realm, application.clientId, 0, operator, noOrigin);
      assert.equal((await service.secretChecker(realm.id, application.clientId))(fourth!), false);
      await rejectsWith(service.rotateSecret(realm, application.clientId, -1, operator, noOrigin), 'application.invalid_secret_grace');
      await rejectsWith(service.rotateSecret(other, application.clientId, 0, operator, noOrigin), 'application.not_found');
      const spaApp = await service.create(realm, spa, operator, noOrigin);
      await rejectsWith(service.rotateSecret(realm, spaApp.application.clientId, 0, operator, noOrigin), 'application.no_secret');
    });

    it('matches return URIs exactly, of enabled applications of the realm only', async () => {
      const uri = 'https://exact.example.com/Callback/';
      const { application } = await service.create(realm, { ...web, redirect_uris: [uri], post_logout_redirect_uris: ['https://exact.example.com/bye'] }, operator, noOrigin);
      assert.equal(await service.isRegisteredReturnUri(realm.id, uri, 'redirect'), true);
      assert.equal(await service.isRegisteredReturnUri(realm.id, 'https://exact.example.com/Callback', 'redirect'), false);
      assert.equal(await service.isRegisteredReturnUri(realm.id, 'https://exact.example.com/callback/', 'redirect'), false);
      assert.equal(await service.isRegisteredReturnUri(realm.id, uri, 'post_logout'), false);
      assert.equal(await service.isRegisteredReturnUri(realm.id, 'https://exact.example.com/bye', 'post_logout'), true);
      assert.equal(await service.isRegisteredReturnUri(other.id, uri, 'redirect'), false);
      ender.calls.length = 0;
      await service.update(realm, application.clientId, { enabled: false }, operator, noOrigin);
      assert.equal(await service.isRegisteredReturnUri(realm.id, uri, 'redirect'), false);
      assert.deepEqual(ender.calls, [`changed ${realm.id} ${application.clientId}`, `application ${realm.id} ${application.clientId}`]);
    });

    it('widens consents, revokes them and drops them with the application', async () => {
      const userId = await insertUser(t.database.db, realm.id, clock.now());
      const { application } = await service.create(realm, spa, operator, noOrigin);
      assert.equal(await service.consent(realm.id, userId, application.clientId), undefined);
      await service.recordConsent(realm.id, userId, application.clientId, ['openid', 'email'], noOrigin);
      clock.advance(1000);
      const widened = await service.recordConsent(realm.id, userId, application.clientId, ['openid', 'profile'], noOrigin);
      assert.deepEqual(widened.scopes, ['openid', 'email', 'profile']);
      assert.equal(widened.updatedAt - widened.grantedAt, 1000);
      await rejectsWith(service.recordConsent(other.id, userId, application.clientId, ['openid'], noOrigin), 'application.not_found');
      const granted = await t.database.db.selectFrom('events').select('details').where('type', '=', 'user.consent_granted').where('user_id', '=', userId).execute();
      assert.equal(granted.length, 2);

      // Concurrent grants both land.
      const { application: second } = await service.create(realm, spa, operator, noOrigin);
      await Promise.all([
        service.recordConsent(realm.id, userId, second.clientId, ['openid'], noOrigin),
        service.recordConsent(realm.id, userId, second.clientId, ['email'], noOrigin),
      ]);
      assert.deepEqual((await service.consent(realm.id, userId, second.clientId))!.scopes.sort(), ['email', 'openid']);

      ender.calls.length = 0;
      await rejectsWith(service.revokeConsent(other, userId, second.clientId, noOrigin), 'application.consent_not_found');
      await service.revokeConsent(realm, userId, second.clientId, noOrigin);
      assert.deepEqual(ender.calls, [`user ${realm.id} ${second.clientId} ${userId}`]);
      assert.equal(await service.consent(realm.id, userId, second.clientId), undefined);
      await rejectsWith(service.revokeConsent(realm, userId, second.clientId, noOrigin), 'application.consent_not_found');

      await service.remove(realm, application.clientId, operator, noOrigin);
      const left = await t.database.db.selectFrom('application_consents').selectAll().where('application_id', '=', application.clientId).execute();
      assert.equal(left.length, 0);
      await rejectsWith(service.remove(realm, application.clientId, operator, noOrigin), 'application.not_found');
    });

    it("records consents only of a live user of the application's realm", async () => {
      const { application } = await service.create(realm, spa, operator, noOrigin);
      const stranger = await insertUser(t.database.db, other.id, clock.now());
      await rejectsWith(service.recordConsent(realm.id, stranger, application.clientId, ['openid'], noOrigin), 'user.not_found');
      const gone = await insertUser(t.database.db, realm.id, clock.now());
      await t.database.db.updateTable('users').set({ deleted_at: clock.now() }).where('id', '=', gone).execute();
      await rejectsWith(service.recordConsent(realm.id, gone, application.clientId, ['openid'], noOrigin), 'user.not_found');
      const rows = await t.database.db.selectFrom('application_consents').select('user_id').where('application_id', '=', application.clientId).execute();
      assert.deepEqual(rows, []);
    });

    it("a realm reset of users deletes their consents and keeps the applications", async () => {
      const reset = await insertRealm(t.database.db, `rl_apps_reset_${dialect}`);
      const userId = await insertUser(t.database.db, reset.id, clock.now());
      const { application } = await service.create(reset, spa, operator, noOrigin);
      await service.recordConsent(reset.id, userId, application.clientId, ['openid'], noOrigin);
      const keptUser = await insertUser(t.database.db, realm.id, clock.now());
      const { application: elsewhere } = await service.create(realm, spa, operator, noOrigin);
      await service.recordConsent(realm.id, keptUser, elsewhere.clientId, ['openid'], noOrigin);
      await resetRealmContent({ db: t.database.db, events }, reset.id, { users: true, events: false }, operator);
      assert.equal(await service.consent(reset.id, userId, application.clientId), undefined);
      assert.ok(await service.findByClientId(reset.id, application.clientId));
      assert.ok(await service.consent(realm.id, keptUser, elsewhere.clientId));
    });

    it('refuses an application past the realm limit', async () => {
      const crowded = await insertRealm(t.database.db, `rl_apps_full_${dialect}`);
      const rows = Array.from({ length: 1000 }, (_, i) => i);
      const base = (await service.create(crowded, machine, operator, noOrigin)).application;
      const read = await t.database.db.selectFrom('applications').selectAll().where('client_id', '=', base.clientId).executeTakeFirstOrThrow();
      // PostgreSQL hands JSON columns back parsed: write them back as JSON text.
      const row = Object.fromEntries(Object.entries(read).map(([key, value]) => [key, typeof value === 'object' && value !== null ? JSON.stringify(value) : value])) as typeof read;
      await t.database.db.insertInto('applications').values(rows.slice(1).map((i) => ({ ...row, client_id: `app_fill_${i}` }))).execute();
      await rejectsWith(service.create(crowded, machine, operator, noOrigin), 'application.limit_reached');
    });
  });
}
