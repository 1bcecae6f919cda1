import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Realm } from '../../realms/realm.ts';

/**
 * The frame of the server's own account pages: the realm's name and logo, one card, no scripts.
 * Pages carry tokens in their URLs, so they are never cached and never leak a Referer.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1f2328}
  main{max-width:420px;margin:8vh auto;padding:32px;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08),0 8px 24px rgba(0,0,0,.06)}
  header{display:flex;align-items:center;gap:12px;margin-bottom:24px}header img{max-height:40px;max-width:120px}
  header span{font-weight:600;font-size:18px}h1{font-size:22px;margin:0 0 12px}p{margin:0 0 16px;color:#424a53}
  label{display:block;font-weight:500;margin:16px 0 6px}input{width:100%;padding:10px 12px;font:inherit;border:1px solid #d0d7de;border-radius:8px}
  input:focus{outline:2px solid #2563eb;border-color:#2563eb}button{width:100%;margin-top:24px;padding:11px;font:inherit;font-weight:600;color:#fff;background:#2563eb;border:0;border-radius:8px;cursor:pointer}
  button:hover{background:#1d4ed8}.error{padding:10px 12px;border-radius:8px;background:#fdecea;color:#8a1c12}.ok{padding:10px 12px;border-radius:8px;background:#e7f6ec;color:#0f5223}
  dl{margin:0 0 16px;display:grid;grid-template-columns:auto 1fr;gap:4px 12px}dt{font-weight:500}dd{margin:0;color:#424a53;overflow-wrap:anywhere}
  .choices{display:flex;gap:12px}.choices button{font-size:28px;letter-spacing:2px}`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function sendPage(reply: FastifyReply, realm: Realm, title: string, body: string, status = 200): FastifyReply {
  const name = escapeHtml(realm.public_info.display_name ?? realm.name);
  const logo = realm.public_info.logo_url ? `<img src="${escapeHtml(realm.public_info.logo_url)}" alt="">` : '';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${name}</title><style>${STYLE}</style></head>
<body><main><header>${logo}<span>${name}</span></header>${body}</main></body></html>`;
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', CSP)
    .send(html);
}

const FORM_LIMIT = 32_768;

/**
 * Plain HTML forms post urlencoded bodies. Route trees are encapsulated, so only the page trees
 * that call this accept them; the API stays JSON only.
 */
export function acceptForms(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
    done(null, new URLSearchParams(body as string));
  });
}

/** A posted form's fields, or an empty set for anything that is not one. */
export function formFields(body: unknown): URLSearchParams {
  return body instanceof URLSearchParams ? body : new URLSearchParams();
}

/** The emailed link's token, carried from the page into its form. */
export const tokenInput = (token: string) => `<input type="hidden" name="token" value="${escapeHtml(token)}">`;
