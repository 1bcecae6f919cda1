/**
 * The pages oidc-provider serves itself (device flow, logout, errors) in the realm's frame and the
 * browser's language (contracts: OidcPageRenderer). The provider's `<form>` is placed as given and
 * the buttons point at it with the `form` attribute, except the device code entry (below).
 */
import type { OidcPage, OidcPageRenderer } from '../contracts.ts';
import { escapeHtml } from '../http/pages/page-layout.ts';
import { chooseLocale, translator, type Translate } from './locale.ts';
import type { MessageKey } from './messages.ts';
import { hidden, messageBody, notice, renderHostedPage } from './page-kit.ts';

const formId = (form: string) => /id="([^"]+)"/.exec(form)?.[1] ?? '';
/** The provider's errors a person can act on, in their language; its own English description stays beside, for support. */
const ERROR_MESSAGES: Partial<Record<string, MessageKey>> = {
  invalid_client: 'error.unknown_app',
  unauthorized_client: 'error.unknown_app',
  invalid_redirect_uri: 'error.redirect',
};
const para = (text: string) => `<p>${escapeHtml(text)}</p>`;

function content(t: Translate, page: OidcPage): { title: string; body: string } {
  switch (page.kind) {
    case 'device_code_entry': {
      const problem = page.error === null ? '' : notice(t(page.error === 'expired_code' ? 'device.expired' : 'device.invalid'));
      return {
        title: t('device.title'),
        body: `<h1>${escapeHtml(t('device.title'))}</h1>${problem}${para(t('device.intro'))}<form method="post" action="${escapeHtml(page.action)}">${hidden('xsrf', page.xsrf)}
<label for="user_code">${escapeHtml(t('device.code'))}</label><input id="user_code" name="user_code" value="${escapeHtml(page.userCode ?? '')}" autocomplete="off" autocapitalize="characters" spellcheck="false" required autofocus>
<button type="submit">${escapeHtml(t('sign_in.continue'))}</button></form>`,
      };
    }
    case 'device_confirm': {
      const id = escapeHtml(formId(page.form));
      const title = t('device.confirm_title', { app: page.clientName });
      return {
        title,
        body: `<h1>${escapeHtml(title)}</h1>${para(t('device.confirm_intro'))}<p class="who"><code>${escapeHtml(page.userCode)}</code></p>${page.form}
<button type="submit" form="${id}">${escapeHtml(t('sign_in.continue'))}</button><button type="submit" form="${id}" name="abort" value="yes" class="secondary">${escapeHtml(t('cancel'))}</button>`,
      };
    }
    case 'device_done':
      return { title: t('device.title'), body: messageBody(t('device.title'), t('device.done'), 'ok') };
    case 'logout_confirm': {
      const id = escapeHtml(formId(page.form));
      return {
        title: t('logout.title'),
        body: `<h1>${escapeHtml(t('logout.title'))}</h1>${para(t('logout.intro'))}${page.form}
<button type="submit" form="${id}" name="logout" value="yes">${escapeHtml(t('logout.yes'))}</button><button type="submit" form="${id}" class="secondary">${escapeHtml(t('logout.no'))}</button>`,
      };
    }
    case 'signed_out':
      return { title: t('logout.done_title'), body: messageBody(t('logout.done_title'), t('logout.done'), 'ok') };
    case 'error':
      return {
        title: t('error.title'),
        body: `${messageBody(t('error.title'), t(ERROR_MESSAGES[page.error] ?? 'error.generic'))}
<p class="detail" lang="en"><code>${escapeHtml(page.error)}</code>${page.description === null ? '' : ` ${escapeHtml(page.description)}`}</p>`,
      };
  }
}

export const hostedProviderPages: OidcPageRenderer = {
  render(realm, req, page, uiLocales) {
    const header = req.headers['accept-language'];
    const locale = chooseLocale(realm, uiLocales, Array.isArray(header) ? header[0] : header);
    const { title, body } = content(translator(realm, locale), page);
    return renderHostedPage({ realm, locale, title, body });
  },
};
