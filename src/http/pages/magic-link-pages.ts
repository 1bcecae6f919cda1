import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import { AppError } from '../../errors.ts';
import type { LinkDescription, MagicLinks } from '../../flows/magic-link.ts';
import { formatTime } from '../../mail/message-variables.ts';
import type { Realm } from '../../realms/realm.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';
import { showErrorsAsPages } from './page-errors.ts';
import { acceptForms, escapeHtml, formFields, realmName, sendPage, tokenInput } from './page-layout.ts';

/**
 * The page a sign-in link leads to. Opening it uses nothing up (mail scanners fetch links): it
 * says where the sign-in started so the user can recognise it, and offers a button, or for number
 * matching three numbers. Pressing one posts a plain form, which approves (or, with a wrong
 * number, stops) the sign-in; the outcome is said in words.
 */
const Params = Type.Object({ realm: Type.String({ maxLength: 100 }) });
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) });
type Params = Static<typeof Params>;
type TokenQuery = Static<typeof TokenQuery>;

const PATH = '/realms/:realm/pages/magic-link';
const TWO_DIGITS = /^[1-9][0-9]$/;


function origin(link: LinkDescription): string {
  return `<dl><dt>Started</dt><dd>${escapeHtml(formatTime(link.startedAt))}</dd>
<dt>From</dt><dd>${escapeHtml(link.ip ?? 'an unknown address')}</dd>
<dt>Browser</dt><dd>${escapeHtml(link.userAgent ?? 'unknown')}</dd></dl>`;
}

function approvalPage(realm: Realm, token: string, link: LinkDescription): string {
  const name = escapeHtml(realmName(realm));
  if (link.choices === null) {
    return `<h1>Approve sign-in</h1><p>Someone asked to sign in to ${name} as you. Approve it only if it was you.</p>${origin(link)}
<form method="post">${tokenInput(token)}<button type="submit">Approve sign-in</button></form>`;
  }
  const buttons = link.choices.map((choice) => `<button type="submit" name="pick" value="${choice}">${choice}</button>`).join('');
  return `<h1>Approve sign-in</h1><p>Someone asked to sign in to ${name} as you. If it was you, pick the number your screen shows. A wrong number stops the sign-in.</p>${origin(link)}
<form method="post">${tokenInput(token)}<div class="choices">${buttons}</div></form>`;
}

export function magicLinkPageRoutes(deps: { lookup: RealmLookup; magicLinks: MagicLinks }): RouteTree {
  const realmOf = (params: Params) => resolveActiveRealm(deps.lookup, params.realm);

  function failure(reply: FastifyReply, realm: Realm, error: unknown): FastifyReply {
    if (!(error instanceof AppError)) throw error;
    const title = 'This link does not work';
    return sendPage(reply, realm, title, `<h1>${title}</h1><p class="error">${escapeHtml(error.message)}</p>`, error.kind === 'rate_limited' ? 429 : 400);
  }

  return async (app: FastifyInstance) => {
    acceptForms(app);
    showErrorsAsPages(app);

    app.get<{ Params: Params; Querystring: TokenQuery }>(PATH, { schema: { hide: true, params: Params, querystring: TokenQuery } }, async (request, reply) => {
      const realm = await realmOf(request.params);
      const token = request.query.token ?? '';
      try {
        return sendPage(reply, realm, 'Approve sign-in', approvalPage(realm, token, await deps.magicLinks.describe(realm, token, originOf(request))));
      } catch (error) {
        return failure(reply, realm, error);
      }
    });

    app.post<{ Params: Params }>(PATH, { schema: { hide: true, params: Params } }, async (request, reply) => {
      const realm = await realmOf(request.params);
      const fields = formFields(request.body);
      const pick = fields.get('pick') ?? '';
      let approval;
      try {
        approval = await deps.magicLinks.approve(realm, fields.get('token') ?? '', TWO_DIGITS.test(pick) ? Number(pick) : undefined, originOf(request));
      } catch (error) {
        return failure(reply, realm, error);
      }
      if (approval.outcome === 'denied') {
        return sendPage(reply, realm, 'Sign-in denied', '<h1>Sign-in denied</h1><p class="error">That is not the number the sign-in screen showed, so the sign-in was stopped. If it was you, start again.</p>');
      }
      return sendPage(reply, realm, 'Sign-in approved', '<h1>Sign-in approved</h1><p class="ok">Go back to the screen where you started: it signs you in by itself. You can close this page.</p>');
    });
  };
}
