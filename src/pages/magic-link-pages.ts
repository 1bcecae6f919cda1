/**
 * The page a sign-in link leads to (`/realms/{realm}/pages/magic-link?token=…`, in messages already
 * sent). Opening it uses nothing up (mail scanners fetch links): it says where the sign-in started
 * so the user can recognise it, and offers a button, or for number matching three numbers. Pressing
 * one posts a plain, CSRF-checked form, which approves (or, with a wrong number, stops) the sign-in.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { LinkDescription, MagicLinks } from '../flows/magic-link.ts';
import type { RouteTree } from '../http/app.ts';
import { showErrorsAsPages } from '../http/pages/page-errors.ts';
import { acceptForms, escapeHtml, realmName } from '../http/pages/page-layout.ts';
import { hidden } from './page-kit.ts';
import { originOf } from '../http/request-origin.ts';
import { AccountParams, AccountQuery, openAccountPage, refuseForm, sendAccountPage, sendNotice, sendRefusal, type AccountPage, type AccountPageDeps, type AccountRequest } from './account-frame.ts';

const PATH = '/realms/:realm/pages/magic-link';
const TWO_DIGITS = /^[1-9][0-9]$/;

/** When the sign-in started, in the page's language and in UTC, as the mail says it (English day first, as there). */
const startedAt = (page: AccountPage, at: LinkDescription['startedAt']) =>
  `${new Intl.DateTimeFormat(page.locale === 'en' ? 'en-GB' : page.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(at))} UTC`;

function origin(page: AccountPage, link: LinkDescription): string {
  const { t } = page;
  const row = (key: 'magic.started' | 'magic.from' | 'magic.browser', value: string) => `<dt>${escapeHtml(t(key))}</dt><dd>${escapeHtml(value)}</dd>`;
  return `<dl>${row('magic.started', startedAt(page, link.startedAt))}${row('magic.from', link.ip ?? t('magic.unknown_address'))}${row('magic.browser', link.userAgent ?? t('magic.unknown'))}</dl>`;
}

function approvalPage(page: AccountPage, token: string, link: LinkDescription): string {
  const { t } = page;
  const realm = realmName(page.realm);
  const title = `<h1>${escapeHtml(t('magic.title'))}</h1>`;
  const form = (inner: string) => `<form method="post">${page.hidden}${hidden('token', token)}${inner}</form>`;
  if (link.choices === null) {
    return `${title}<p>${escapeHtml(t('magic.intro', { realm }))}</p>${origin(page, link)}${form(`<button type="submit">${escapeHtml(t('magic.approve'))}</button>`)}`;
  }
  const buttons = link.choices.map((choice) => `<button type="submit" name="pick" value="${choice}">${choice}</button>`).join('');
  return `${title}<p>${escapeHtml(t('magic.intro_numbers', { realm }))}</p>${origin(page, link)}${form(`<div class="choices" role="group" aria-label="${escapeHtml(t('magic.numbers'))}">${buttons}</div>`)}`;
}

export function magicLinkPageRoutes(deps: AccountPageDeps & { magicLinks: Pick<MagicLinks, 'describe' | 'approve'> }): RouteTree {
  return async (app: FastifyInstance) => {
    acceptForms(app);
    showErrorsAsPages(app);
    const schema = { hide: true, params: AccountParams, querystring: AccountQuery };

    app.get(PATH, { schema }, async (request: AccountRequest, reply: FastifyReply) => {
      const page = await openAccountPage(deps, request, reply);
      const token = page.fields.get('token') ?? '';
      try {
        const link = await deps.magicLinks.describe(page.realm, token, originOf(request));
        return sendAccountPage(reply, page, page.t('magic.title'), approvalPage(page, token, link));
      } catch (error) {
        return sendRefusal(reply, page, error);
      }
    });

    app.post(PATH, { schema }, async (request: AccountRequest, reply: FastifyReply) => {
      const page = await openAccountPage(deps, request, reply);
      if (!page.formValid) return refuseForm(reply, page);
      const { t, fields } = page;
      const pick = fields.get('pick') ?? '';
      let approval;
      try {
        approval = await deps.magicLinks.approve(page.realm, fields.get('token') ?? '', TWO_DIGITS.test(pick) ? Number(pick) : undefined, originOf(request));
      } catch (error) {
        return sendRefusal(reply, page, error);
      }
      if (approval.outcome === 'denied') return sendNotice(reply, page, { title: t('magic.denied_title'), text: t('magic.denied') });
      return sendNotice(reply, page, { title: t('magic.approved_title'), text: t('magic.approved'), ok: true });
    });
  };
}
