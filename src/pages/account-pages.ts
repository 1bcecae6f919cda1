/**
 * The pages emailed links lead to when a realm names none of its own: confirming an email address
 * and choosing a new password. Their URLs are in messages already sent, so they stay as they are:
 * `/realms/{realm}/pages/verify-email?token=…` and `…/pages/reset-password?token=…`. Opening a
 * link changes nothing (mail scanners fetch links); the user confirms with a button, which posts a
 * plain, CSRF-checked form to the same URL.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmailVerification } from '../accounts/email-verification.ts';
import type { PasswordReset } from '../accounts/password-reset.ts';
import type { RouteTree } from '../http/app.ts';
import { showErrorsAsPages } from '../http/pages/page-errors.ts';
import { acceptForms, escapeHtml } from '../http/pages/page-layout.ts';
import { hidden, notice } from './page-kit.ts';
import { originOf } from '../http/request-origin.ts';
import {
  AccountParams,
  AccountQuery,
  onward,
  openAccountPage,
  refuseForm,
  sendAccountPage,
  sendNotice,
  sendRefusal,
  type AccountPage,
  type AccountPageDeps,
  type AccountRequest,
} from './account-frame.ts';
import { newPasswordInputs, passwordProblem } from './password-rules.ts';

export interface AccountPagesDeps extends AccountPageDeps {
  verification: Pick<EmailVerification, 'verify'>;
  reset: Pick<PasswordReset, 'check' | 'reset'>;
}

function resetForm(reply: FastifyReply, page: AccountPage, token: string, problem: string | null = null): FastifyReply {
  const { t, realm } = page;
  const body = `<h1>${escapeHtml(t('reset.title'))}</h1>${notice(problem)}<form method="post">${page.hidden}${hidden('token', token)}
${newPasswordInputs(realm, t, { password: 'reset.password', confirm: 'reset.confirm' })}
<button type="submit">${escapeHtml(t('reset.submit'))}</button></form>`;
  return sendAccountPage(reply, page, t('reset.title'), body, problem ? 422 : 200);
}

export function accountPageRoutes(deps: AccountPagesDeps): RouteTree {
  return async (app: FastifyInstance) => {
    acceptForms(app);
    showErrorsAsPages(app);
    const schema = { hide: true, params: AccountParams, querystring: AccountQuery };
    const route = (method: 'GET' | 'POST', path: string, handler: (request: AccountRequest, reply: FastifyReply, page: AccountPage) => Promise<FastifyReply>) =>
      app.route<{ Params: AccountRequest['params']; Querystring: AccountRequest['query'] }>({
        method,
        url: `/realms/:realm/pages/${path}`,
        schema,
        handler: async (request, reply) => {
          const page = await openAccountPage(deps, request, reply);
          if (!page.formValid) return refuseForm(reply, page);
          return handler(request, reply, page);
        },
      });

    route('GET', 'verify-email', async (_request, reply, page) => {
      const { t } = page;
      const body = `<h1>${escapeHtml(t('verify.title'))}</h1><p>${escapeHtml(t('verify.intro'))}</p>
<form method="post">${page.hidden}${hidden('token', page.fields.get('token') ?? '')}<button type="submit">${escapeHtml(t('verify.submit'))}</button></form>`;
      return sendAccountPage(reply, page, t('verify.title'), body);
    });

    route('POST', 'verify-email', async (request, reply, page) => {
      try {
        await deps.verification.verify(page.realm, page.fields.get('token') ?? '', originOf(request));
      } catch (error) {
        return sendRefusal(reply, page, error);
      }
      return sendNotice(reply, page, { title: page.t('verify.done_title'), text: page.t('verify.done'), ok: true, after: onward(page, null) });
    });

    route('GET', 'reset-password', async (request, reply, page) => {
      const token = page.fields.get('token') ?? '';
      try {
        await deps.reset.check(page.realm, token, originOf(request));
      } catch (error) {
        return sendRefusal(reply, page, error);
      }
      return resetForm(reply, page, token);
    });

    route('POST', 'reset-password', async (request, reply, page) => {
      const { fields, t } = page;
      const token = fields.get('token') ?? '';
      const password = fields.get('password') ?? '';
      if (password !== (fields.get('confirm') ?? '')) return resetForm(reply, page, token, t('account.password_differs'));
      try {
        await deps.reset.reset(page.realm, token, password, originOf(request));
      } catch (error) {
        const problem = passwordProblem(error);
        if (problem) return resetForm(reply, page, token, t(problem));
        return sendRefusal(reply, page, error);
      }
      return sendNotice(reply, page, { title: t('reset.done_title'), text: t('reset.done'), ok: true, after: onward(page, null) });
    });
  };
}
