/**
 * Hosted "forgot password", `/realms/{realm}/forgot-password`: an identifier in, and always the
 * same answer out ("if an account matches, we sent a link"), through the API's password-reset
 * service, so the same per-IP and per-address limits apply and nothing tells accounts apart.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PasswordReset } from '../accounts/password-reset.ts';
import type { RouteTree } from '../http/app.ts';
import { showErrorsAsPages } from '../http/pages/page-errors.ts';
import { acceptForms, escapeHtml } from '../http/pages/page-layout.ts';
import { originOf } from '../http/request-origin.ts';
import { AccountParams, AccountQuery, backLink, onward, openAccountPage, refuseForm, sendAccountPage, sendNotice, sendRefusal, type AccountPage, type AccountPageDeps, type AccountRequest, returnField } from './account-frame.ts';
import { checkReturnTo, type ReturnTo, type ReturnUris } from './return-to.ts';

export interface ForgotPasswordPageDeps extends AccountPageDeps {
  reset: Pick<PasswordReset, 'request'>;
  applications: ReturnUris;
}

function forgotForm(reply: FastifyReply, page: AccountPage, returnTo: ReturnTo | null, status = 200): FastifyReply {
  const { t } = page;
  const body = `<h1>${escapeHtml(t('forgot.title'))}</h1><p>${escapeHtml(t('forgot.intro'))}</p><form method="post">${page.hidden}${returnField(returnTo)}
<label for="identifier">${escapeHtml(t('sign_in.identifier'))}</label><input id="identifier" name="identifier" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="320" value="${escapeHtml(page.fields.get('identifier') ?? '')}" autofocus>
<button type="submit">${escapeHtml(t('forgot.submit'))}</button></form>${backLink(page, returnTo)}`;
  return sendAccountPage(reply, page, t('forgot.title'), body, status);
}

export function forgotPasswordPageRoutes(deps: ForgotPasswordPageDeps): RouteTree {
  return async (app: FastifyInstance) => {
    acceptForms(app);
    showErrorsAsPages(app);
    const schema = { hide: true, params: AccountParams, querystring: AccountQuery };

    app.get('/realms/:realm/forgot-password', { schema }, async (request: AccountRequest, reply: FastifyReply) => {
      const page = await openAccountPage(deps, request, reply);
      return forgotForm(reply, page, await checkReturnTo(page.realm, page.fields.get('return_to'), deps.applications));
    });

    app.post('/realms/:realm/forgot-password', { schema }, async (request: AccountRequest, reply: FastifyReply) => {
      const page = await openAccountPage(deps, request, reply);
      if (!page.formValid) return refuseForm(reply, page);
      const { t } = page;
      const returnTo = await checkReturnTo(page.realm, page.fields.get('return_to'), deps.applications);
      const identifier = (page.fields.get('identifier') ?? '').trim().slice(0, 320);
      if (!identifier) return forgotForm(reply, page, returnTo, 422);
      try {
        await deps.reset.request(page.realm, identifier, originOf(request));
      } catch (error) {
        return sendRefusal(reply, page, error);
      }
      const after = `<p>${escapeHtml(t('forgot.nothing_came'))}</p>${onward(page, returnTo?.href ?? null)}`;
      const text = t('forgot.done', { minutes: String(page.realm.tokens.reset_token_minutes) });
      return sendNotice(reply, page, { title: t('forgot.done_title'), text, ok: true, after });
    });
  };
}
