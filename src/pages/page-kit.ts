/**
 * The frame of the realm's hosted pages (sign-in, consent, the provider's own pages): the realm's
 * name and logo, its branding (src/pages/branding-style.ts), the chosen language, one card, and a
 * Content-Security-Policy whose nonce is new for every response. Pages need no script; the one
 * inline style carries the nonce, as does what only enhances a page: the rare inline script, or
 * the server's own script files (passkeys), named by path. Only such a page's policy allows scripts,
 * and only those tags (`script-src 'nonce-…'`, no `'self'`). Only the origins the realm lists may
 * frame the pages.
 *
 * `form-action` is left out on purpose: a sign-in form's answer is a redirect through the provider
 * to the application's registered redirect URI, and browsers apply `form-action` to redirects after
 * a form post, which would block the very return the user signed in for. Every form here is the
 * server's own markup with every value escaped.
 */
import { randomBytes } from 'node:crypto';
import { isCspOrigin } from '../applications/redirect-uris.ts';
import type { Realm } from '../realms/realm.ts';
import { escapeHtml, KEYREALM_LOGO_SVG, PAGE_STYLE, realmName } from '../http/pages/page-layout.ts';
import { brandingStyle } from './branding-style.ts';
import type { Locale } from './messages.ts';

/** Beyond the server pages' style: choices as radio rows, secondary buttons, scope lists. */
const HOSTED_STYLE = `
  .secondary{color:#2563eb;background:#fff;border:1px solid #d0d7de}.secondary:hover{background:#f6f8fa}
  .who{display:flex;justify-content:space-between;gap:8px;padding:10px 12px;border-radius:8px;background:#f6f8fa;overflow-wrap:anywhere}
  fieldset{border:0;margin:16px 0 0;padding:0}legend{font-weight:500;margin-bottom:6px}
  .option{display:flex;align-items:center;gap:8px;margin:6px 0;font-weight:400}.option input{width:auto}
  .option-field{margin-top:16px}.option-field .option{margin:0;font-weight:500}.option input[type=checkbox]{width:18px;height:18px;margin:0;accent-color:#2563eb}
  .hint{margin:-2px 0 6px;font-size:14px;color:#57606a}.field-error{margin:6px 0 0;font-size:14px;font-weight:500;color:#b42318}
  input[aria-invalid=true]{border-color:#cf222e}input[type=date]{height:46px}
  ul.scopes{margin:0 0 8px;padding-left:20px}.subtitle{margin-top:-8px;color:#57606a}
  .detail{font-size:13px;color:#57606a;overflow-wrap:anywhere}
  .divider{margin:20px 0 0;text-align:center;color:#57606a;font-size:14px}.alternatives button{margin-top:10px}.providers button{display:flex;align-items:center;justify-content:center;gap:10px}.providers img{width:20px;height:20px;object-fit:contain}
  .number{margin:8px 0 16px;text-align:center;font-size:48px;font-weight:700;letter-spacing:4px;color:inherit}
  .qr{text-align:center}.qr img{background:#fff;padding:8px;border-radius:8px}.secret code{display:block;padding:8px 10px;font-size:16px;letter-spacing:1px;overflow-wrap:anywhere}
  ul.codes{columns:2;margin:0 0 20px;padding-left:20px}ul.codes code{font-size:15px}
  .app{display:flex;align-items:center;gap:10px}.app img{max-height:32px;max-width:96px}
  .aside{margin:20px 0 0;text-align:center}
  button.passkey svg{width:20px;height:20px;margin-right:8px;vertical-align:-4px}.passkey .error{margin:16px 0 0}.passkey+p{margin-top:20px}`;

/** Keyrealm's own dark colours; left out where the realm's one palette is light (the page is then light only). */
const HOSTED_DARK_STYLE = `
  @media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}main{background:#161b22;box-shadow:none}
  p,dd,.subtitle{color:#b7c0c9}p code{background:#21262d;color:#e6edf3}input{background:#0d1117;color:#e6edf3;border-color:#3d444d}.who{background:#21262d}
  .secondary{background:#161b22;color:#79a6ff;border-color:#3d444d}a{color:#79a6ff}
  .error{background:#3c1618;color:#ffb4ae}.ok{background:#0f2d1a;color:#a6e3b8}.rules{background:#21262d;color:#b7c0c9}.hint{color:#b7c0c9}.field-error{color:#ffb4ae}input[aria-invalid=true]{border-color:#f85149}}`;

/** A hidden form field (every value escaped). */
export const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;

/** A message to read first: a refusal (announced as an alert) or an outcome (a status); nothing for null. */
export const notice = (text: string | null, kind: 'error' | 'ok' = 'error') =>
  text ? `<p class="${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${escapeHtml(text)}</p>` : '';

/** The body of a page that says one thing under its heading. */
export const messageBody = (title: string, text: string, kind: 'error' | 'ok' = 'error') => `<h1>${escapeHtml(title)}</h1>${notice(text, kind)}`;

export interface HostedPage {
  realm: Realm;
  locale: Locale;
  title: string;
  /** Trusted HTML: built by the pages from escaped values only. */
  body: string;
  /**
   * An enhancement for browsers with script (the page works without it): inline, run under this
   * response's nonce, and allowed to fetch from this origin only.
   */
  script?: string;
  /** False: never in a frame, whatever origins the realm allows (the pages emailed links open). */
  frameable?: boolean;
  /** Origins allowed to frame this page beside the realm's (an application's `frame_origins`, on its interaction's pages). */
  frameOrigins?: readonly string[];
  /** Paths of the server's own scripts that enhance the page (loaded deferred under the nonce). */
  scripts?: readonly string[];
}

export interface RenderedPage {
  html: string;
  headers: Record<string, string>;
}

export function renderHostedPage(page: HostedPage): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const name = escapeHtml(realmName(page.realm));
  const logo = page.realm.public_info.logo_url ? `<img src="${escapeHtml(page.realm.public_info.logo_url)}" alt="">` : KEYREALM_LOGO_SVG;
  const brand = brandingStyle(page.realm.branding);
  // Checked again here: an origin saved before the saves checked it must not end or widen the directive.
  const framers = page.frameable === false ? [] : [...new Set([...page.realm.branding.frame_ancestors, ...(page.frameOrigins ?? [])])].filter(isCspOrigin);
  const files = (page.scripts ?? []).map((src) => `<script src="${escapeHtml(src)}" nonce="${nonce}" defer></script>`).join('');
  // Only the inline script fetches (the sign-in link's wait); script files just run on the page.
  const scriptPolicy = page.script ? ` script-src 'nonce-${nonce}'; connect-src 'self';` : files ? ` script-src 'nonce-${nonce}';` : '';
  const html = `<!doctype html><html lang="${page.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><meta name="color-scheme" content="${brand.colorScheme}"><title>${escapeHtml(page.title)} · ${name}</title><style nonce="${nonce}">${PAGE_STYLE}${HOSTED_STYLE}${brand.colorScheme === 'light' ? '' : HOSTED_DARK_STYLE}
${brand.css}</style>${files}</head>
<body class="${brand.bodyClass}"><main><header>${logo}<span>${name}</span></header>${page.body}</main>${page.script ? `<script nonce="${nonce}">${page.script}</script>` : ''}</body></html>`;
  return {
    html,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      // X-Frame-Options cannot name origins; where the realm allows some, frame-ancestors alone decides.
      ...(framers.length === 0 ? { 'x-frame-options': 'DENY' } : {}),
      'x-content-type-options': 'nosniff',
      'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}';${scriptPolicy} img-src https: data:; frame-ancestors ${framers.length === 0 ? "'none'" : framers.join(' ')}; base-uri 'none'`,
    },
  };
}
