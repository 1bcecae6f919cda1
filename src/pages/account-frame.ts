/**
 * What every account page shares (sign-up, forgotten password, the pages emailed links lead to):
 * the realm, the reader's language, the CSRF field and cookie, and how a page, a refusal or an
 * onward link is put in the realm's hosted frame.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RealmLookup } from '../contracts.ts';
import { AppError } from '../errors.ts';
import { escapeHtml, formFields, realmName } from '../http/pages/page-layout.ts';
import type { Realm } from '../realms/realm.ts';
import { resolveActiveRealm } from '../realms/resolve-realm.ts';
import { chooseLocale, translator, type Translate } from './locale.ts';
import type { Locale, MessageKey } from './messages.ts';
import { hidden, messageBody, renderHostedPage } from './page-kit.ts';
import type { PageSecurity } from './page-security.ts';
import type { ReturnTo } from './return-to.ts';

export const AccountParams = Type.Object({ realm: Type.String({ maxLength: 100 }) });
/** What a link to an account page may carry; forms carry the same as hidden fields. */
export const AccountQuery = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 200 })),
  ui_locales: Type.Optional(Type.String({ maxLength: 100 })),
  return_to: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type AccountRequest = FastifyRequest<{ Params: Static<typeof AccountParams>; Querystring: Static<typeof AccountQuery> }>;

export interface AccountPageDeps {
  lookup: RealmLookup;
  security: PageSecurity;
}

export interface AccountPage {
  realm: Realm;
  locale: Locale;
  t: Translate;
  /** A posted form's fields; the query's on a GET, so links and forms read alike. */
  fields: URLSearchParams;
  /** False for a posted form without this browser's CSRF field. */
  formValid: boolean;
  /** The hidden fields every form of the page carries: the CSRF field and the language asked for. */
  hidden: string;
  /** Whether the realm's frame origins may frame it: not a page an emailed link (its token) opened. */
  frameable: boolean;
}


export async function openAccountPage(deps: AccountPageDeps, request: AccountRequest, reply: FastifyReply): Promise<AccountPage> {
  const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
  const posted = request.method === 'POST';
  const fields = posted ? formFields(request.body) : new URLSearchParams(Object.entries(request.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const uiLocales = (fields.get('ui_locales') ?? '').slice(0, 100);
  const locale = chooseLocale(realm, uiLocales.split(' ').filter(Boolean), request.headers['accept-language']);
  // The cookie's path is the realm's prefix as this URL names it (`/realms/{slug or id}`), so that
  // it reaches the form's post however the link named the realm.
  const csrf = deps.security.csrf(realm.id, request.raw, request.url.split('/').slice(0, 3).join('/'));
  if (csrf.setCookie) reply.header('set-cookie', csrf.setCookie);
  return {
    realm,
    locale,
    t: translator(realm, locale),
    fields,
    formValid: !posted || deps.security.checkCsrf(realm.id, request.raw, fields.get('csrf')),
    hidden: hidden('csrf', csrf.token) + (uiLocales ? hidden('ui_locales', uiLocales) : ''),
    frameable: !fields.get('token'),
  };
}

export function sendAccountPage(reply: FastifyReply, page: AccountPage, title: string, body: string, status = 200): FastifyReply {
  const rendered = renderHostedPage({ realm: page.realm, locale: page.locale, title, body, frameable: page.frameable });
  return reply.status(status).headers(rendered.headers).send(rendered.html);
}

/** A page of one heading and one message (an outcome, or a refusal), and what leads on from it. */
export function sendNotice(reply: FastifyReply, page: AccountPage, notice: { title: string; text: string; ok?: boolean; after?: string }, status = 200): FastifyReply {
  return sendAccountPage(reply, page, notice.title, `${messageBody(notice.title, notice.text, notice.ok ? 'ok' : 'error')}${notice.after ?? ''}`, status);
}

/** A posted form without this browser's CSRF field: nothing was done. */
export const refuseForm = (reply: FastifyReply, page: AccountPage) => sendNotice(reply, page, { title: page.t('error.title'), text: page.t('error.form') }, 400);

/**
 * A refusal of the account services, in words: too many tries (429, with Retry-After), or a link
 * that is unknown, spent, expired or of another realm (400) — the same words for each of those.
 */
export function sendRefusal(reply: FastifyReply, page: AccountPage, error: unknown, titleKey: MessageKey = 'account.link_broken'): FastifyReply {
  if (!(error instanceof AppError)) throw error;
  if (error.kind === 'rate_limited') {
    if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    return sendNotice(reply, page, { title: page.t('error.title'), text: page.t('sign_in.too_many') }, 429);
  }
  return sendNotice(reply, page, { title: page.t(titleKey), text: page.t('account.link_broken_text') }, 400);
}

/**
 * Where a finished page leads: back to the sign-in it came from, else the realm's application
 * (the first origin its passkeys run on), else a word that the page may be closed.
 */
export function onward(page: AccountPage, returnHref: string | null): string {
  const { t, realm } = page;
  const app = realmName(realm);
  if (returnHref !== null) return `<a class="onward" href="${escapeHtml(returnHref)}">${escapeHtml(t('account.back_to_sign_in'))}</a>`;
  const application = realm.passkeys.allowed_origins[0];
  if (application) return `<a class="onward" href="${escapeHtml(application)}">${escapeHtml(t('account.continue_to', { app }))}</a>`;
  return `<p>${escapeHtml(t('account.close_page', { app }))}</p>`;
}

/** The way back to sign-in that a form carries on (a hidden field), and its link under the form. */
export const returnField = (returnTo: ReturnTo | null) => (returnTo ? hidden('return_to', returnTo.value) : '');
export const backLink = (page: AccountPage, returnTo: ReturnTo | null) =>
  returnTo ? `<p class="aside"><a href="${escapeHtml(returnTo.href)}">${escapeHtml(page.t('account.back_to_sign_in'))}</a></p>` : '';
