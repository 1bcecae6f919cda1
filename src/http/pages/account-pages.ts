import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmailVerification } from '../../accounts/email-verification.ts';
import type { PasswordReset } from '../../accounts/password-reset.ts';
import type { RealmLookup } from '../../contracts.ts';
import { AppError } from '../../errors.ts';
import type { Realm } from '../../realms/realm.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';
import { showErrorsAsPages } from './page-errors.ts';
import { acceptForms, escapeHtml, formFields, onwardLink, sendPage, tokenInput } from './page-layout.ts';

/**
 * The pages emailed links lead to when a realm names none of its own. Opening a link changes
 * nothing (mail scanners fetch links); the user confirms with a button, which posts a plain form.
 * Errors are shown on the page, in words, instead of the API's JSON.
 */
const Params = Type.Object({ realm: Type.String({ maxLength: 100 }) });
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) });
type Params = Static<typeof Params>;
type TokenQuery = Static<typeof TokenQuery>;

/** The realm's password rules, said before the first try rather than after a refusal. */
function passwordRules(realm: Realm): string {
  const policy = realm.password_policy;
  const rules = [`At least ${policy.min_length} characters${policy.max_length < 1024 ? ` and at most ${policy.max_length}` : ''}; spaces are allowed, so a phrase of a few words works well.`];
  if (policy.block_common) rules.push('Not one of the 100,000 most common passwords.');
  if (policy.block_context) rules.push(`Not your email address, your username or the name ${realm.name}.`);
  if (policy.breached.enabled) rules.push('Not a password known from a data breach.');
  return `<ul class="rules" id="rules">${rules.map((rule) => `<li>${escapeHtml(rule)}</li>`).join('')}</ul>`;
}

export function accountPageRoutes(deps: { lookup: RealmLookup; verification: EmailVerification; reset: PasswordReset }): RouteTree {
  const realmOf = (params: Params) => resolveActiveRealm(deps.lookup, params.realm);

  function failure(reply: FastifyReply, realm: Realm, title: string, error: unknown): FastifyReply {
    if (!(error instanceof AppError)) throw error;
    const status = error.code === 'request.rate_limited' ? 429 : 400;
    return sendPage(reply, realm, title, `<h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(error.message)}</p>`, status);
  }

  function resetForm(realm: Realm, reply: FastifyReply, token: string, problem?: string): FastifyReply {
    const notice = problem ? `<p class="error">${escapeHtml(problem)}</p>` : '';
    const body = `<h1>Choose a new password</h1>${notice}${passwordRules(realm)}<form method="post">${tokenInput(token)}
<label for="password">New password</label><input id="password" name="password" type="password" autocomplete="new-password" aria-describedby="rules" required minlength="${realm.password_policy.min_length}" maxlength="${realm.password_policy.max_length}">
<label for="confirm">Repeat it</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
<button type="submit">Set password</button></form>`;
    return sendPage(reply, realm, 'Choose a new password', body, problem ? 422 : 200);
  }

  return async (app: FastifyInstance) => {
    acceptForms(app);
    showErrorsAsPages(app);
    const schema = { hide: true, params: Params, querystring: TokenQuery };

    app.get<{ Params: Params; Querystring: TokenQuery }>('/realms/:realm/pages/verify-email', { schema }, async (request, reply) => {
      const realm = await realmOf(request.params);
      const body = `<h1>Confirm your email address</h1><p>Press the button to confirm that this address is yours.</p>
<form method="post">${tokenInput(request.query.token ?? '')}<button type="submit">Confirm my address</button></form>`;
      return sendPage(reply, realm, 'Confirm your email address', body);
    });

    app.post<{ Params: Params }>('/realms/:realm/pages/verify-email', { schema: { hide: true, params: Params } }, async (request, reply) => {
      const realm = await realmOf(request.params);
      try {
        await deps.verification.verify(realm, formFields(request.body).get('token') ?? '', originOf(request));
      } catch (error) {
        return failure(reply, realm, 'This link does not work', error);
      }
      return sendPage(reply, realm, 'Email address confirmed', `<h1>Email address confirmed</h1><p class="ok">Thank you. Your address is confirmed and you can sign in.</p>${onwardLink(realm)}`);
    });

    app.get<{ Params: Params; Querystring: TokenQuery }>('/realms/:realm/pages/reset-password', { schema }, async (request, reply) => {
      const realm = await realmOf(request.params);
      const token = request.query.token ?? '';
      try {
        await deps.reset.check(realm, token, originOf(request));
      } catch (error) {
        return failure(reply, realm, 'This link does not work', error);
      }
      return resetForm(realm, reply, token);
    });

    app.post<{ Params: Params }>('/realms/:realm/pages/reset-password', { schema: { hide: true, params: Params } }, async (request, reply) => {
      const realm = await realmOf(request.params);
      const fields = formFields(request.body);
      const token = fields.get('token') ?? '';
      const password = fields.get('password') ?? '';
      if (password !== (fields.get('confirm') ?? '')) return resetForm(realm, reply, token, 'The two passwords differ.');
      try {
        await deps.reset.reset(realm, token, password, originOf(request));
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('password.')) return resetForm(realm, reply, token, error.message);
        return failure(reply, realm, 'This link does not work', error);
      }
      return sendPage(reply, realm, 'Password changed', `<h1>Password changed</h1><p class="ok">Your new password is set and you have been signed out everywhere. You can sign in again now.</p>${onwardLink(realm)}`);
    });
  };
}
