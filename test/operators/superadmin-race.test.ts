import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

const PASSWORD = 'operator-password-2';

type Change = { method: 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: Record<string, unknown> };
type OperatorItem = { id: string; state: string; locked: boolean; grants: { permission: string }[] };

const isSuperadmin = (operator: OperatorItem) => operator.grants.some((g) => g.permission === 'superadmin');

const userRoute = (id: string) => `/admin/v1/realms/admin/users/${id}`;
/** Ways an operator can end their own standing as an active superadmin. */
const ends: Record<string, (id: string) => Change> = {
  lock: (id) => ({ method: 'POST', url: `${userRoute(id)}/lock`, payload: {} }),
  deactivate: (id) => ({ method: 'PATCH', url: userRoute(id), payload: { state: 'inactive' } }),
  delete: (id) => ({ method: 'DELETE', url: userRoute(id) }),
  'operator lock': (id) => ({ method: 'PATCH', url: `/admin/v1/operators/${id}`, payload: { locked: true } }),
  'operator deactivate': (id) => ({ method: 'PATCH', url: `/admin/v1/operators/${id}`, payload: { state: 'inactive' } }),
};

/**
 * The last two active superadmins each try to end themselves at the same moment, through the admin
 * realm's user routes or the operator routes: exactly one may succeed. Each acts on itself, so
 * whichever commits first cannot make the other's token fail: the only refusal left is the rule's.
 */
for (const dialect of dialects) {
  describe(`concurrent changes of the last two superadmins on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let counter = 0;
    /** The token of an active superadmin, to set up the next race with. */
    let lead: string;

    before(() => {
      lead = server.adminToken;
    });

    const act = (token: string, change: Change) => send(server, change.method, change.url, change.payload, bearer(token));

    async function operators(token: string): Promise<OperatorItem[]> {
      const response = await send(server, 'GET', '/admin/v1/operators?limit=1000', undefined, bearer(token));
      assert.equal(response.statusCode, 200, response.body);
      return response.json<{ items: OperatorItem[] }>().items;
    }

    /** A new superadmin operator, signed in. */
    async function superadmin(byToken: string) {
      const email = `super${++counter}@example.com`;
      const response = await act(byToken, { method: 'POST', url: '/admin/v1/operators', payload: { email, password: PASSWORD, grants: [{ permission: 'superadmin' }] } });
      assert.equal(response.statusCode, 201, response.body);
      return { id: response.json<{ id: string }>().id, token: (await server.login('admin', email, PASSWORD)).access_token };
    }

    /** Two new superadmins who are the only ones: every other superadmin is demoted to read. */
    async function lastTwo() {
      const first = await superadmin(lead);
      const second = await superadmin(first.token);
      for (const operator of await operators(first.token)) {
        if (operator.id === first.id || operator.id === second.id || !isSuperadmin(operator)) continue;
        const demoted = await act(first.token, { method: 'PATCH', url: `/admin/v1/operators/${operator.id}`, payload: { grants: [{ permission: 'read' }] } });
        assert.equal(demoted.statusCode, 200, demoted.body);
      }
      return [first, second] as const;
    }

    async function activeSuperadmins(token: string): Promise<string[]> {
      return (await operators(token)).filter((o) => o.state === 'active' && !o.locked && isSuperadmin(o)).map((o) => o.id);
    }

    for (const [a, b] of [
      ['lock', 'lock'],
      ['deactivate', 'deactivate'],
      ['delete', 'delete'],
      ['lock', 'deactivate'],
      ['delete', 'lock'],
      ['operator lock', 'deactivate'],
      ['operator deactivate', 'operator lock'],
    ]) {
      it(`${a} and ${b} at once: exactly one succeeds and one superadmin remains`, async () => {
        const [first, second] = await lastTwo();
        const responses = await Promise.all([act(first.token, ends[a](first.id)), act(second.token, ends[b](second.id))]);
        const statuses = responses.map((response) => response.statusCode);
        assert.equal(statuses.filter((status) => status < 300).length, 1, `statuses ${statuses.join(', ')}`);
        const refused = responses.find((response) => response.statusCode >= 300);
        assert.equal(refused?.statusCode, 422, refused?.body);
        assert.equal(refused && errorCode(refused), 'operator.last_superadmin');
        const survivor = responses[0] === refused ? first : second;
        assert.deepEqual(await activeSuperadmins(survivor.token), [survivor.id]);
        lead = survivor.token;
      });
    }

    it('lets both changes through when a third superadmin remains', async () => {
      const [first, second] = await lastTwo();
      const third = await superadmin(first.token);
      const responses = await Promise.all([act(first.token, ends.lock(first.id)), act(second.token, ends.deactivate(second.id))]);
      assert.deepEqual(
        responses.map((response) => response.statusCode),
        [200, 200],
      );
      assert.deepEqual(await activeSuperadmins(third.token), [third.id]);
      lead = third.token;
    });
  });
}
