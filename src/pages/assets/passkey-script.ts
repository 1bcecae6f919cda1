/**
 * The one script of the hosted pages: it runs the WebAuthn ceremony a passkey needs, which no form
 * can. It enhances server markup (src/pages/methods/passkey.ts): a form carrying the request options
 * in `data-passkey-options`, inside a box that stays `hidden` unless the browser can do passkeys.
 * The assertion goes back in that same CSRF-protected form post; the server decides everything.
 * With `data-passkey-conditional`, the browser also offers the passkeys in the identifier field's
 * autofill (conditional mediation), with the same challenge. With `data-passkey-create`, the options
 * are creation options: a new passkey is made (enrolment) and its attestation posted the same way.
 *
 * Served from the server's own origin under a content-hashed URL (cached for a year, replaced when
 * the text changes) and allowed by the page's nonce: no inline script, no event handler attributes.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** Plain ES2020 for every browser that has the WebAuthn JSON helpers; it does nothing in others. */
const PASSKEY_SCRIPT = `(() => {
  'use strict';
  const PKC = window.PublicKeyCredential;
  if (!PKC || typeof PKC.parseRequestOptionsFromJSON !== 'function' || !navigator.credentials) return;
  const enhance = (form) => {
    const box = form.closest('[data-passkey]');
    const alert = box.querySelector('[data-passkey-alert]');
    let pending = null;
    const run = (mediation) => {
      if (pending) pending.abort();
      const controller = new AbortController();
      pending = controller;
      const options = JSON.parse(form.dataset.passkeyOptions);
      const creating = 'passkeyCreate' in form.dataset;
      const request = { publicKey: creating ? PKC.parseCreationOptionsFromJSON(options) : PKC.parseRequestOptionsFromJSON(options), signal: controller.signal };
      if (mediation) request.mediation = mediation;
      (creating ? navigator.credentials.create(request) : navigator.credentials.get(request)).then((credential) => {
        if (!credential) return;
        form.elements.response.value = JSON.stringify(credential.toJSON());
        form.submit();
      }, () => {
        // A request we replaced, or the autofill one, ends quietly; the button's says what happened.
        if (controller.signal.aborted || mediation) return;
        alert.textContent = alert.dataset.passkeyAlert;
        alert.hidden = false;
      });
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      alert.hidden = true;
      run();
    });
    box.hidden = false;
    if ('passkeyConditional' in form.dataset && typeof PKC.isConditionalMediationAvailable === 'function') {
      PKC.isConditionalMediationAvailable().then((available) => { if (available) run('conditional'); }, () => {});
    }
  };
  document.querySelectorAll('form[data-passkey-options]').forEach(enhance);
})();
`;

const VERSION = createHash('sha256').update(PASSKEY_SCRIPT).digest('base64url').slice(0, 12);

/** Where a realm's pages load the script from: the version in the URL lets browsers keep it for a year. */
export const passkeyScriptUrl = (realmId: string) => `/realms/${encodeURIComponent(realmId)}/pages/assets/passkey.js?v=${VERSION}`;

export function passkeyScriptRoute(app: FastifyInstance): void {
  // The same text for every realm: nothing realm-specific is in it, so the realm is not looked up.
  app.get('/realms/:realm/pages/assets/passkey.js', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .headers({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' })
      .send(PASSKEY_SCRIPT),
  );
}
