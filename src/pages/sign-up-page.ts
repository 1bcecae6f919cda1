/**
 * Hosted self sign-up, `/realms/{realm}/signup`, when the realm allows it: what the realm's sign-up
 * takes (src/pages/sign-up-form.ts), each refusal under its field. It goes through
 * the API's sign-up service, so the same rate limit, password policy and verification message
 * apply, and the answer is the same whether or not the address already had an account (its owner
 * is told by email instead).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SignUp, SignUpInput } from '../accounts/sign-up.ts';
import { AppError } from '../errors.ts';
import type { RouteTree } from '../http/app.ts';
import { showErrorsAsPages } from '../http/pages/page-errors.ts';
import { acceptForms, escapeHtml } from '../http/pages/page-layout.ts';
import { notice } from './page-kit.ts';
import { originOf } from '../http/request-origin.ts';
import { AccountParams, AccountQuery, backLink, onward, openAccountPage, refuseForm, sendAccountPage, sendNotice, sendRefusal, type AccountPage, type AccountPageDeps, type AccountRequest, returnField } from './account-frame.ts';
import { noFieldErrors, type FieldErrors } from './field-errors.ts';
import { signUpFieldErrors } from './sign-up-errors.ts';
import { registrationValues, signUpInputs } from './sign-up-form.ts';
import { checkReturnTo, type ReturnTo, type ReturnUris } from './return-to.ts';

export interface SignUpPageDeps extends AccountPageDeps {
  signUp: Pick<SignUp, 'register'>;
  applications: ReturnUris;
}

/** The form; after a refusal (`refused`, the messages by field, maybe none), a summary first and each field's message under it. */
function signUpForm(reply: FastifyReply, page: AccountPage, returnTo: ReturnTo | null, refused: FieldErrors | null = null): FastifyReply {
  const { t } = page;
  const errors = refused ?? noFieldErrors;
  const summary = refused ? notice(t('sign_up.invalid')) : '';
  const body = `<h1>${escapeHtml(t('sign_up.title'))}</h1>${summary}<form method="post">${page.hidden}${returnField(returnTo)}
${signUpInputs(page, errors)}
<button type="submit">${escapeHtml(t('sign_up.submit'))}</button></form>${backLink(page, returnTo)}`;
  return sendAccountPage(reply, page, t('sign_up.title'), body, refused ? 422 : 200);
}

/** What the form gives the sign-up service: only the identifiers the realm takes, and no empty ones. */
function signUpInput(page: AccountPage): SignUpInput {
  const { fields, realm } = page;
  const given = (name: string) => (fields.get(name) ?? '').trim();
  const input: SignUpInput = { email: given('email'), password: fields.get('password') ?? '', fields: registrationValues(page) };
  for (const name of ['username', 'mobile'] as const) {
    if (realm.users.registration[name] !== 'off' && given(name) !== '') input[name] = given(name);
  }
  if (given('display_name') !== '') input.display_name = given('display_name');
  return input;
}

export function signUpPageRoutes(deps: SignUpPageDeps): RouteTree {
  /** The page, the way back it carries, or the answer already sent (a realm closed to sign-up, a forged form). */
  async function open(request: AccountRequest, reply: FastifyReply): Promise<{ page: AccountPage; returnTo: ReturnTo | null } | FastifyReply> {
    const page = await openAccountPage(deps, request, reply);
    if (!page.realm.users.registration.enabled) return sendNotice(reply, page, { title: page.t('sign_up.title'), text: page.t('sign_up.unavailable') }, 404);
    if (!page.formValid) return refuseForm(reply, page);
    return { page, returnTo: await checkReturnTo(page.realm, page.fields.get('return_to'), deps.applications) };
  }

  return async (app: FastifyInstance) => {
    acceptForms(app);
    showErrorsAsPages(app);
    const schema = { hide: true, params: AccountParams, querystring: AccountQuery };

    app.get('/realms/:realm/signup', { schema }, async (request: AccountRequest, reply: FastifyReply) => {
      const opened = await open(request, reply);
      return 'page' in opened ? signUpForm(reply, opened.page, opened.returnTo) : opened;
    });

    app.post('/realms/:realm/signup', { schema }, async (request: AccountRequest, reply: FastifyReply) => {
      const opened = await open(request, reply);
      if (!('page' in opened)) return opened;
      const { page, returnTo } = opened;
      const { t, fields } = page;
      const input = signUpInput(page);
      if (input.password !== (fields.get('confirm') ?? '')) return signUpForm(reply, page, returnTo, new Map([['confirm', t('account.password_differs')]]));
      let answer;
      try {
        answer = await deps.signUp.register(page.realm, input, originOf(request));
      } catch (error) {
        if (error instanceof AppError && error.kind === 'rate_limited') return sendRefusal(reply, page, error);
        const errors = signUpFieldErrors(page.realm, t, error);
        if (errors === null) throw error;
        return signUpForm(reply, page, returnTo, errors);
      }
      const text = t(answer.emailVerificationRequired ? 'sign_up.done_verify' : 'sign_up.done', { email: input.email });
      return sendNotice(reply, page, { title: t('sign_up.done_title'), text, ok: true, after: onward(page, returnTo?.href ?? null) });
    });
  };
}
