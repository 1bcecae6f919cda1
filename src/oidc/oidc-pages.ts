import type { KoaContext } from 'oidc-provider';
import type { OidcPage, OidcPageRenderer } from '../contracts.ts';
import type { Realm } from '../realms/realm.ts';

/**
 * oidc-provider's own pages (device code entry and confirmation, logout confirmation, signed out,
 * errors), rendered by the hosted pages module in the realm's brand (OidcPageRenderer).
 */
type Ctx = KoaContext & {
  oidc: KoaContext['oidc'] & { client?: { clientName?: string; clientId: string }; urlFor(route: string): string };
  redirect(url: string): void;
};

const DEVICE_ERRORS: Record<string, 'no_code' | 'invalid_code' | 'expired_code' | 'already_used' | 'aborted'> = {
  NoCodeError: 'no_code',
  NotFoundError: 'invalid_code',
  ExpiredError: 'expired_code',
  AlreadyUsedError: 'already_used',
  AbortedError: 'aborted',
};

function clientName(ctx: Ctx): string | null {
  const client = ctx.oidc?.client;
  return client ? (client.clientName ?? client.clientId) : null;
}

export function providerPages(realm: Realm, renderer: OidcPageRenderer) {
  function show(ctx: Ctx, page: OidcPage): void {
    const asked = (ctx.oidc?.params as { ui_locales?: unknown } | undefined)?.ui_locales;
    const uiLocales = typeof asked === 'string' ? asked.split(' ').filter(Boolean) : [];
    const { html, headers } = renderer.render(realm, ctx.req, page, uiLocales);
    for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
    ctx.type = 'html';
    ctx.body = html;
  }

  return {
    deviceFlow: {
      enabled: true,
      charset: 'base-20',
      mask: '****-****',
      async userCodeInputSource(ctx: Ctx, _form: string, _out: unknown, error?: Error & { userCode?: string }) {
        // oidc-provider's error path puts a new form secret in a provider session it never saves when
        // the browser has none (no cookie, or its realm session ended since the form was served),
        // then fails with a 500 saving it. The entry page itself starts a session that works.
        const session = ctx.oidc.session as (Ctx['oidc']['session'] & { exp?: number; touched?: boolean }) | undefined;
        if (error && session && typeof session.exp !== 'number') {
          session.touched = false;
          ctx.status = 303;
          ctx.redirect(ctx.oidc.urlFor('code_verification'));
          return;
        }
        const known = error ? (DEVICE_ERRORS[error.name] ?? 'invalid_code') : null;
        // What the provider put in the form it offers (`_form`): where it posts, and the session's form secret.
        const xsrf = (ctx.oidc.session as { state?: { secret?: string } } | undefined)?.state?.secret ?? '';
        show(ctx, { kind: 'device_code_entry', action: ctx.oidc.urlFor('code_verification'), xsrf, userCode: error?.userCode ?? null, error: known });
      },
      async userCodeConfirmSource(ctx: Ctx, form: string, _client: unknown, _deviceInfo: unknown, userCode: string) {
        show(ctx, { kind: 'device_confirm', form, clientName: clientName(ctx) ?? '', userCode });
      },
      async successSource(ctx: Ctx) {
        show(ctx, { kind: 'device_done', clientName: clientName(ctx) });
      },
    },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx: Ctx, form: string) {
        show(ctx, { kind: 'logout_confirm', form, clientName: clientName(ctx) });
      },
      async postLogoutSuccessSource(ctx: Ctx) {
        show(ctx, { kind: 'signed_out', clientName: clientName(ctx) });
      },
    },
    async renderError(ctx: Ctx, out: { error: string; error_description?: string }) {
      show(ctx, { kind: 'error', error: out.error, description: out.error_description ?? null });
    },
  };
}
