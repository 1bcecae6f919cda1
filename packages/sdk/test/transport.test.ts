/**
 * The transport's renew-and-retry against a scripted server (found by review): only a 401 that
 * refuses the access token is tried again after a renewal; a refused password or code is sent once,
 * so it counts once towards a lockout.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTransport } from '../src/transport.ts';
import { KeyrealmError } from '../src/errors.ts';

const refusal = (code: string) => Response.json({ error: { code, message: code } }, { status: 401 });

function scripted(answers: Response[]) {
  const sent: string[] = [];
  let renewals = 0;
  let token = 'old';
  const fetch = createTransport({
    token: () => token,
    renew: async () => {
      renewals++;
      token = 'new';
      return true;
    },
    fetch: async (input) => {
      sent.push(new Headers((input as Request).headers).get('authorization') ?? '');
      return answers.shift() ?? Response.json({ ok: true });
    },
  });
  return { fetch, sent, renewals: () => renewals };
}

describe('the transport after a 401', () => {
  it('sends a refused password, code or refresh token once, without renewing', async () => {
    for (const code of ['auth.invalid_credentials', 'auth.invalid_code', 'auth.invalid_refresh_token', 'auth.unauthenticated']) {
      const server = scripted([refusal(code)]);
      await assert.rejects(server.fetch('https://id.example/realms/shop/auth/login', { method: 'POST', body: '{}' }), (error) => error instanceof KeyrealmError && error.code === code);
      assert.deepEqual([server.sent.length, server.renewals()], [1, 0], code);
    }
  });

  it('renews and tries once more when the access token is refused', async () => {
    for (const code of ['auth.invalid_token', 'auth.tenant_access_ended']) {
      const server = scripted([refusal(code)]);
      const answer = await server.fetch('https://id.example/realms/shop/account');
      assert.equal(answer.status, 200, code);
      assert.deepEqual(server.sent, ['Bearer old', 'Bearer new'], code);
      assert.equal(server.renewals(), 1);
    }
    const server = scripted([refusal('auth.invalid_token'), refusal('auth.invalid_token')]);
    await assert.rejects(server.fetch('https://id.example/realms/shop/account'), (error) => error instanceof KeyrealmError && error.code === 'auth.invalid_token');
    assert.deepEqual([server.sent.length, server.renewals()], [2, 1], 'once');
  });
});
