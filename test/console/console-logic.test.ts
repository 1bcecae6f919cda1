/**
 * The console's client logic that is not drawing: address matching, what the interface offers for
 * an operator's grants (the same answers as the server's rules), keyset list state, the rows a
 * virtualised table draws, the string catalogue, and the API client's error shape and its one
 * renewal on a 401.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, toApiError } from '../../console/src/api/api-error.ts';
import { createAdminClient, unwrap } from '../../console/src/api/client.ts';
import { abilitiesOf, type Grant } from '../../console/src/auth/permissions.ts';
import { en } from '../../console/src/i18n/en/index.ts';
import { t } from '../../console/src/i18n/i18n.ts';
import { matchRoute } from '../../console/src/router.ts';
import { addresses as screens } from '../../console/src/addresses.ts';
import { emptyList, mergeFirstPage, pageArrived, pageFailed } from '../../console/src/ui/paged-list.ts';
import { nearEnd, rowWindow } from '../../console/src/ui/virtual-window.ts';
import { allows, type OperatorPrincipal } from '../../src/operators/permissions.ts';

describe('console routes', () => {
  const routes = [
    { name: 'realms', pattern: '/realms' },
    { name: 'new', pattern: '/new/realm' },
    { name: 'realm', pattern: '/realms/:realm' },
    { name: 'user', pattern: '/realms/:realm/users/:user' },
  ];

  it('matches segments, decodes parameters and refuses what does not fit', () => {
    assert.deepEqual(matchRoute(routes, '/realms'), { name: 'realms', params: {} });
    assert.deepEqual(matchRoute(routes, '/realms/'), { name: 'realms', params: {} });
    assert.deepEqual(matchRoute(routes, '/realms/a%2Fb/users/u%20v'), { name: 'user', params: { realm: 'a/b', user: 'u v' } });
    assert.equal(matchRoute(routes, '/realms/x/users'), undefined);
    assert.equal(matchRoute(routes, '/realms/%E0%A4%A'), undefined, 'broken percent-encoding is no match, not a crash');
  });

  it("has one screen per address, and no realm's slug can shadow the create page", () => {
    const patterns = screens.map((screen) => screen.pattern);
    assert.equal(new Set(patterns).size, patterns.length);
    assert.equal(matchRoute(screens, '/new/realm')?.name, 'realm-new');
    assert.equal(matchRoute(screens, '/realms/new')?.name, 'realm', 'a realm whose slug is "new" is a realm');
  });
});

describe('console abilities', () => {
  const cases: Grant[][] = [
    [{ permission: 'read' }],
    [{ permission: 'admin_realm', realms: ['rl_a'] }],
    [{ permission: 'admin_realm', realms: ['rl_a'] }, { permission: 'read' }],
    [{ permission: 'admin_all_realms' }],
    [{ permission: 'superadmin' }],
    [],
  ];

  it('offers exactly what the server allows', () => {
    for (const grants of cases) {
      const principal: OperatorPrincipal = { actor: { type: 'operator', id: 'usr_x' }, sessionId: null, grants };
      const can = abilitiesOf(grants);
      const label = JSON.stringify(grants);
      for (const realm of [{ id: 'rl_a', is_system: false }, { id: 'rl_b', is_system: false }, { id: 'rl_admin', is_system: true }]) {
        assert.equal(can.manageRealm(realm), allows(principal, { kind: 'realm.manage', realmId: realm.id, isSystem: realm.is_system }), `${label} manage ${realm.id}`);
      }
      assert.equal(can.createRealms, allows(principal, { kind: 'realm.create' }), label);
      assert.equal(can.deleteRealms, allows(principal, { kind: 'realm.delete' }), label);
      assert.equal(can.readOperators, allows(principal, { kind: 'operators.read' }), label);
      assert.equal(can.manageOperators, allows(principal, { kind: 'operators.manage' }), label);
    }
  });
});

describe('console keyset lists', () => {
  it('appends pages of the current filters and drops answers for older ones', () => {
    let state = emptyList<number>(1);
    state = pageArrived(state, 1, { items: [1, 2], next_cursor: 'c2' });
    assert.deepEqual([state.items, state.cursor, state.complete], [[1, 2], 'c2', false]);
    assert.equal(pageArrived(state, 0, { items: [9], next_cursor: null }), state, 'a late answer for old filters changes nothing');
    state = pageArrived({ ...state, loading: true }, 1, { items: [3], next_cursor: null });
    assert.deepEqual([state.items, state.complete, state.loading], [[1, 2, 3], true, false]);
    const failed = pageFailed({ ...state, loading: true }, 1, new Error('down'));
    assert.deepEqual([failed.items, failed.loading, failed.error?.message], [[1, 2, 3], false, 'down']);
  });

  it('takes a polled first page in place, new rows on top, later pages kept', () => {
    type Row = { id: string; status: string };
    const shown = { ...emptyList<Row>(3), items: [{ id: 'b', status: 'pending' }, { id: 'a', status: 'failed' }, { id: 'z', status: 'sent' }], cursor: 'c', loading: false };
    const merged = mergeFirstPage(shown, [{ id: 'c', status: 'pending' }, { id: 'b', status: 'sent' }], (row) => row.id);
    assert.deepEqual(merged.items, [{ id: 'c', status: 'pending' }, { id: 'b', status: 'sent' }, { id: 'a', status: 'failed' }, { id: 'z', status: 'sent' }]);
    assert.deepEqual([merged.cursor, merged.generation, merged.loading], ['c', 3, false]);
  });

  it('draws only the rows in view, with the rest as space', () => {
    const window = rowWindow(100_000, 48, 48 * 50_000, 480, 8);
    assert.deepEqual(window, { start: 49_992, end: 50_018, before: 49_992 * 48, after: (100_000 - 50_018) * 48 });
    assert.deepEqual(rowWindow(0, 48, 0, 480), { start: 0, end: 0, before: 0, after: 0 });
    assert.equal(rowWindow(30, 48, 0, 480).end, 18);
    assert.equal(nearEnd(100, rowWindow(100, 48, 48 * 70, 480)), true);
    assert.equal(nearEnd(100_000, rowWindow(100_000, 48, 0, 480)), false);
  });
});

describe('console strings and errors', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    assert.equal(t('session.signed_in_as', { who: 'Ada' }), 'Signed in as Ada');
    assert.equal(t('confirm.type_to_confirm'), 'Type {word} to confirm.');
    for (const [key, message] of Object.entries(en)) assert.ok(message.trim().length > 0, `${key} has words`);
  });

  it("reads the API's error shape, and names a network failure", () => {
    const error = toApiError(422, { error: { code: 'realm.invalid_settings', message: 'No.', details: [{ field: 'a', issue: 'b' }] } });
    assert.deepEqual([error.status, error.code, error.message, error.details], [422, 'realm.invalid_settings', 'No.', [{ field: 'a', issue: 'b' }]]);
    assert.equal(toApiError(502, '<html>').code, 'http_502');
    assert.equal(toApiError(0, null).code, 'network');
  });

  it('renews the token once after a 401 and retries with the new one', async () => {
    const seen: string[] = [];
    let renewals = 0;
    const fakeFetch = (async (input: Request) => {
      seen.push(input.headers.get('authorization') ?? '');
      if (input.headers.get('authorization') === 'Bearer old') return new Response('{"error":{"code":"auth.invalid_token","message":"expired"}}', { status: 401, headers: { 'content-type': 'application/json' } });
      return Response.json({ actor: { type: 'operator', id: 'usr_1' }, email: null, display_name: null, grants: [] });
    }) as typeof fetch;
    const api = createAdminClient('http://console.test', { accessToken: async () => 'old', renew: async () => (renewals++, 'new') }, fakeFetch);
    const me = await unwrap(api.GET('/admin/v1/me'));
    assert.equal(me.actor.id, 'usr_1');
    assert.deepEqual(seen, ['Bearer old', 'Bearer new']);
    assert.equal(renewals, 1);

    const refusing = createAdminClient('http://console.test', { accessToken: async () => 'new', renew: async () => 'new' }, (async () => Response.json({ error: { code: 'auth.forbidden', message: 'Your operator permissions do not allow this.' } }, { status: 403 })) as typeof fetch);
    await assert.rejects(unwrap(refusing.GET('/admin/v1/me')), (error: ApiError) => error.code === 'auth.forbidden' && error.status === 403);
  });
});
