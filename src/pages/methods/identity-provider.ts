/**
 * Signing in through one of the realm's identity providers from the hosted page: a button per
 * enabled provider under the identifier form (in the realm's order), and the authorize request's
 * `idp_hint`, which goes straight to the provider it names. The browser leaves for the provider
 * with the binding cookie of src/http/idp-cookie.ts; the provider's callback
 * (src/http/routes/public-identity-providers.ts) sends it back to `idp-return` under this
 * interaction with a one-time code — or the error, which the identifier page then tells in words.
 * The code signs in through the flow engine, so the realm's MFA policy goes on from there.
 *
 * When the upstream account's address is an existing account's that it may not take by itself,
 * the callback comes back with a link code instead: the identifier page names the provider and the
 * address and asks the user to sign in to that account (password or passkey, then its second
 * factor). The code waits in an HttpOnly cookie of the interaction; when the sign-in completes, the
 * upstream account is linked to it (only if it is the matched account) before the application hears.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../errors.ts';
import type { IdpSignIn } from '../../identity-providers/idp-sign-in.ts';
import { PENDING_LIFETIME_MS } from '../../identity-providers/pending-sign-in.ts';
import { idpCookie } from '../../http/idp-cookie.ts';
import { escapeHtml, formFields } from '../../http/pages/page-layout.ts';
import { originOf } from '../../http/request-origin.ts';
import type { MessageKey } from '../messages.ts';
import { hidden } from '../page-kit.ts';
import { readCookies, type PageSecurity } from '../page-security.ts';
import type { MethodRoutes, PageKit, Request, Step } from './method-kit.ts';

export interface IdentityProviderPageDeps {
  idpSignIn: Pick<IdpSignIn, 'buttons' | 'start' | 'signInOnPage' | 'pendingLinkOnPage' | 'linkOnPage'>;
  publicUrl: string;
  security: Pick<PageSecurity, 'cookie'>;
}

/** The link code waiting for the user to prove the matched account (a sign-in flow's lifetime). */
const LINK_COOKIE = 'kr_idp_link';
const LINK_COOKIE_SECONDS = PENDING_LIFETIME_MS / 1000;

/** The words for a sign-in that came back refused or broken: the same for every refusal, so no account is told apart. */
function problemOf(code: string): { key: MessageKey; status: number } {
  if (code === 'auth.too_many_attempts' || code === 'request.rate_limited') return { key: 'sign_in.too_many', status: 429 };
  if (code === 'idp.link_required') return { key: 'idp.link_required', status: 409 };
  if (code === 'idp.refused' || code.startsWith('user.')) return { key: 'idp.refused', status: 403 };
  if (code === 'idp.not_found' || code === 'idp.disabled') return { key: 'idp.unavailable', status: 404 };
  return { key: 'idp.failed', status: 400 };
}

export function identityProviderMethod(deps: IdentityProviderPageDeps, kit: PageKit) {
  const setCookie = idpCookie(deps.publicUrl);

  /** Off to the provider, this browser bound to the sign-in by its cookie. */
  async function leave(request: Request, reply: FastifyReply, step: Step, ref: string): Promise<FastifyReply> {
    const { loginHint, maxAuthAge } = step.view;
    const hints = { ...(loginHint ? { loginHint } : {}), ...(maxAuthAge === null ? {} : { maxAuthAge }) };
    const started = await deps.idpSignIn.start(step.realm, ref, { kind: 'page', interaction: step.view.uid }, originOf(request), hints);
    reply.header('set-cookie', [...step.cookies, setCookie(step.realm, started.state, started.browserSecret, PENDING_LIFETIME_MS / 1000)]);
    reply.header('cache-control', 'no-store');
    return reply.redirect(started.url, 303);
  }

  const retold = (request: Request, reply: FastifyReply, step: Step, code: string) => {
    const { key, status } = problemOf(code);
    return kit.restart(request, reply, step, key, status);
  };

  /** A link code came back: the identifier page, asking the user to sign in to the matched account. */
  async function askToProve(request: Request, reply: FastifyReply, step: Step, code: string): Promise<FastifyReply> {
    const pending = await deps.idpSignIn.pendingLinkOnPage(step.realm, step.view.uid, code);
    if (!pending?.email) return retold(request, reply, step, 'idp.failed');
    step.cookies.push(deps.security.cookie(LINK_COOKIE, code, { path: step.form.base, maxAge: LINK_COOKIE_SECONDS }));
    return kit.restart(request, reply, step, 'idp.link_prove', 409, { values: { provider: pending.provider, email: pending.email }, identifier: pending.email });
  }

  return {
    /** The buttons for the identifier page, or '' when the realm has no provider to offer; `divider`: an "or" above them. */
    async buttons(step: Step, divider: boolean): Promise<string> {
      const providers = await deps.idpSignIn.buttons(step.realm);
      if (providers.length === 0) return '';
      const { t, base, csrf } = step.form;
      const buttons = providers.map((provider) => {
        const icon = provider.iconUrl ? `<img src="${escapeHtml(provider.iconUrl)}" alt="" width="20" height="20">` : '';
        return `<button type="submit" name="idp" value="${escapeHtml(provider.slug)}" class="secondary idp">${icon}<span>${escapeHtml(t('idp.continue_with', { provider: provider.displayName }))}</span></button>`;
      });
      return `${divider ? `<p class="divider">${escapeHtml(t('methods.or'))}</p>` : ''}<form method="post" class="alternatives providers" action="${base}/idp">${hidden('csrf', csrf)}${buttons.join('')}</form>`;
    },

    /**
     * The authorize request's `idp_hint`: straight to that provider. A hint naming no enabled
     * provider of the realm is ignored (null), and the page shows every way to sign in instead.
     */
    async followHint(request: Request, reply: FastifyReply, step: Step): Promise<FastifyReply | null> {
      const hint = step.view.idpHint;
      if (!hint || step.view.prompt !== 'login') return null;
      try {
        return await leave(request, reply, step, hint);
      } catch (error) {
        if (error instanceof AppError && (error.code === 'idp.not_found' || error.code === 'idp.disabled')) return null;
        throw error;
      }
    },

    /** After a sign-in on this interaction: the upstream account a link code stands for is linked (see above); the cookie goes. */
    async linkPending(request: Request, step: Step, userId: string): Promise<void> {
      const code = readCookies(request.raw).get(LINK_COOKIE);
      if (!code) return;
      step.cookies.push(deps.security.cookie(LINK_COOKIE, '', { path: step.form.base, maxAge: 0 }));
      try {
        await deps.idpSignIn.linkOnPage(step.realm, step.view.uid, code, userId, originOf(request));
      } catch (error) {
        // Expired, used, or the provider switched off meanwhile: the sign-in stands, without the link.
        if (!(error instanceof AppError)) throw error;
      }
    },

    routes: {
      post: {
        idp: async (request, reply, step) => {
          try {
            return await leave(request, reply, step, formFields(request.body).get('idp') ?? '');
          } catch (error) {
            if (error instanceof AppError) return retold(request, reply, step, error.code);
            throw error;
          }
        },
      },
      get: {
        'idp-return': async (request, reply, step) => {
          const query = request.query as Record<string, unknown>;
          if (typeof query.link === 'string') return askToProve(request, reply, step, query.link);
          const code = typeof query.code === 'string' ? query.code : '';
          if (!code) return retold(request, reply, step, typeof query.error === 'string' ? query.error : 'idp.failed');
          try {
            return await kit.proceed(request, reply, step, await deps.idpSignIn.signInOnPage(step.realm, step.view.uid, code, originOf(request)));
          } catch (error) {
            if (error instanceof AppError) return retold(request, reply, step, error.code);
            throw error;
          }
        },
      },
    } satisfies MethodRoutes,
  };
}
