/**
 * Hosted self sign-up, `/realms/{realm}/signup`, when the realm allows it: email, an optional name,
 * the realm's registration fields and a password whose rules are stated up front. It goes through
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
import type { RegistrationField } from '../realms/realm.ts';
import { identifierLimits } from '../users/identifiers.ts';
import { userLimits } from '../users/user-fields.ts';
import type { FieldValues } from '../users/registration-fields.ts';
import { AccountParams, AccountQuery, backLink, onward, openAccountPage, refuseForm, sendAccountPage, sendNotice, sendRefusal, type AccountPage, type AccountPageDeps, type AccountRequest, returnField } from './account-frame.ts';
import { newPasswordInputs, passwordProblem } from './password-rules.ts';
import { checkReturnTo, type ReturnTo, type ReturnUris } from './return-to.ts';

export interface SignUpPageDeps extends AccountPageDeps {
  signUp: Pick<SignUp, 'register'>;
  applications: ReturnUris;
}

const fieldName = (field: RegistrationField) => `fields.${field.name}`;

/** One of the realm's registration fields as an input of its type, keeping what was typed. */
function fieldInput(page: AccountPage, field: RegistrationField, index: number): string {
  const id = `field-${index}`;
  const value = page.fields.get(fieldName(field)) ?? '';
  const name = escapeHtml(fieldName(field));
  const label = escapeHtml(field.required ? field.name : `${field.name} ${page.t('sign_up.optional')}`);
  const required = field.required ? ' required' : '';
  if (field.type === 'boolean') {
    return `<label class="option" for="${id}"><input id="${id}" name="${name}" type="checkbox" value="true"${value === 'true' ? ' checked' : ''}${required}>${label}</label>`;
  }
  const type = { string: 'text', number: 'number', date: 'date' }[field.type];
  const limit = field.type === 'string' ? ` maxlength="${field.max_length ?? 1000}"` : field.type === 'number' ? ' step="any"' : '';
  return `<label for="${id}">${label}</label><input id="${id}" name="${name}" type="${type}" value="${escapeHtml(value)}"${limit}${required}>`;
}

/** The registration fields' values as the sign-up service takes them; an empty optional field is left out. */
function fieldValues(page: AccountPage): FieldValues {
  const values: FieldValues = {};
  for (const field of page.realm.users.registration.fields) {
    const raw = page.fields.get(fieldName(field)) ?? '';
    if (field.type === 'boolean') values[field.name] = raw === 'true';
    else if (raw !== '') values[field.name] = field.type === 'number' ? Number(raw) : raw;
  }
  return values;
}

function signUpForm(reply: FastifyReply, page: AccountPage, returnTo: ReturnTo | null, problem: string | null = null): FastifyReply {
  const { t, realm, fields } = page;
  const body = `<h1>${escapeHtml(t('sign_up.title'))}</h1>${notice(problem)}<form method="post">${page.hidden}${returnField(returnTo)}
<label for="email">${escapeHtml(t('sign_up.email'))}</label><input id="email" name="email" type="email" autocomplete="email" autocapitalize="none" spellcheck="false" required maxlength="${identifierLimits.emailLength}" value="${escapeHtml(fields.get('email') ?? '')}">
<label for="name">${escapeHtml(t('sign_up.name'))}</label><input id="name" name="display_name" autocomplete="name" maxlength="${userLimits.nameLength}" value="${escapeHtml(fields.get('display_name') ?? '')}">
${realm.users.registration.fields.map((field, index) => fieldInput(page, field, index)).join('\n')}
${newPasswordInputs(realm, t, { password: 'sign_up.password', confirm: 'sign_up.confirm' })}
<button type="submit">${escapeHtml(t('sign_up.submit'))}</button></form>${backLink(page, returnTo)}`;
  return sendAccountPage(reply, page, t('sign_up.title'), body, problem ? 422 : 200);
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
      const email = (fields.get('email') ?? '').trim();
      const password = fields.get('password') ?? '';
      if (password !== (fields.get('confirm') ?? '')) return signUpForm(reply, page, returnTo, t('account.password_differs'));
      const displayName = (fields.get('display_name') ?? '').trim();
      const input: SignUpInput = { email, password, ...(displayName ? { display_name: displayName } : {}), fields: fieldValues(page) };
      let answer;
      try {
        answer = await deps.signUp.register(page.realm, input, originOf(request));
      } catch (error) {
        if (error instanceof AppError && error.kind === 'rate_limited') return sendRefusal(reply, page, error);
        const problem = passwordProblem(error);
        if (problem) return signUpForm(reply, page, returnTo, t(problem));
        // A malformed address or field: the same words, the form kept as typed.
        if (error instanceof AppError && (error.kind === 'invalid' || error.kind === 'unprocessable')) return signUpForm(reply, page, returnTo, t('sign_up.invalid'));
        throw error;
      }
      const text = t(answer.emailVerificationRequired ? 'sign_up.done_verify' : 'sign_up.done', { email });
      return sendNotice(reply, page, { title: t('sign_up.done_title'), text, ok: true, after: onward(page, returnTo?.href ?? null) });
    });
  };
}
