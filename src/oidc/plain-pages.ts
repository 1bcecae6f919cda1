import type { OidcPage, OidcPageRenderer } from '../contracts.ts';

/**
 * Plain, unbranded pages for what oidc-provider serves itself, used until the hosted pages'
 * renderer is wired in (src/compose.ts) and by tests: every value escaped, no script, no style,
 * nothing loaded from anywhere.
 */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function body(page: OidcPage): { title: string; content: string } {
  switch (page.kind) {
    case 'device_code_entry':
      return {
        title: 'Enter the code shown on your device',
        content: `${page.error ? `<p role="alert">${escape(page.error)}</p>` : ''}${page.form}<label for="user_code">Code</label>
<input id="user_code" name="user_code" form="op.deviceInputForm" value="${escape(page.userCode ?? '')}" autocomplete="off"><button type="submit" form="op.deviceInputForm">Continue</button>`,
      };
    case 'device_confirm':
      return {
        title: `Sign in to ${page.clientName}?`,
        content: `<p>The device should show <code>${escape(page.userCode)}</code>.</p>${page.form}
<button type="submit" form="op.deviceConfirmForm">Continue</button><button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Abort</button>`,
      };
    case 'device_done':
      return { title: 'Signed in', content: `<p>You can close this page${page.clientName ? ` and return to ${escape(page.clientName)}` : ''}.</p>` };
    case 'logout_confirm':
      return {
        title: 'Sign out?',
        content: `${page.form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button><button type="submit" form="op.logoutForm">Stay signed in</button>`,
      };
    case 'signed_out':
      return { title: 'Signed out', content: '<p>You have been signed out.</p>' };
    case 'error':
      return { title: 'Something went wrong', content: `<p><code>${escape(page.error)}</code></p>${page.description ? `<p>${escape(page.description)}</p>` : ''}` };
  }
}

export const plainOidcPages: OidcPageRenderer = {
  render(_realm, _req, page) {
    const { title, content } = body(page);
    return {
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${content}</body></html>`,
      headers: { 'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'" },
    };
  },
};
