import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Realm } from '../../realms/realm.ts';
import { unstorableFields, unstorableTextError } from '../unstorable-text.ts';

/**
 * The frame of the server's own HTML pages (the landing page, errors where no realm is known):
 * Keyrealm's brand, one card, no scripts; and what the realms' hosted pages (src/pages) share with
 * them: the base style, escaping, plain forms. Pages may carry tokens in their URLs, so they are
 * never cached and never leak a Referer.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const PAGE_STYLE = `
  *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1f2328}
  main{max-width:420px;margin:8vh auto;padding:32px;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08),0 8px 24px rgba(0,0,0,.06)}
  main.wide{max-width:640px}@media (max-width:480px){main{margin:0;min-height:100vh;border-radius:0;padding:24px 20px;box-shadow:none}}
  header{display:flex;align-items:center;gap:12px;margin-bottom:24px}header img,header svg{max-height:40px;max-width:120px}
  header span{font-weight:600;font-size:18px}h1{font-size:22px;margin:0 0 12px}p{margin:0 0 16px;color:#424a53}
  label{display:block;font-weight:500;margin:16px 0 6px}input{width:100%;padding:10px 12px;font:inherit;border:1px solid #d0d7de;border-radius:8px}
  input:focus{outline:2px solid #2563eb;border-color:#2563eb}button{width:100%;margin-top:24px;padding:11px;font:inherit;font-weight:600;color:#fff;background:#2563eb;border:0;border-radius:8px;cursor:pointer}
  button:hover{background:#1d4ed8}.error{padding:10px 12px;border-radius:8px;background:#fdecea;color:#8a1c12}.ok{padding:10px 12px;border-radius:8px;background:#e7f6ec;color:#0f5223}
  dl{margin:0 0 16px;display:grid;grid-template-columns:auto 1fr;gap:4px 12px}dt{font-weight:500}dd{margin:0;color:#424a53;overflow-wrap:anywhere}
  .choices{display:flex;gap:12px}.choices button{font-size:28px;letter-spacing:2px}
  .rules{margin:0 0 8px;padding:12px 12px 12px 32px;border-radius:8px;background:#f6f8fa;color:#424a53;font-size:14px}.rules li+li{margin-top:2px}
  a{color:#2563eb}a.onward{display:block;margin-top:8px;padding:11px;text-align:center;font-weight:600;color:#fff;background:#2563eb;border-radius:8px;text-decoration:none}a.onward:hover{background:#1d4ed8}
  .version{display:inline-block;margin-left:8px;padding:1px 8px;border-radius:999px;background:#eef2ff;color:#3730a3;font-size:13px;font-weight:500;vertical-align:middle}
  .links{list-style:none;margin:0 0 20px;padding:0;display:grid;gap:10px}.links a{display:block;padding:12px 14px;border:1px solid #d0d7de;border-radius:8px;text-decoration:none;color:inherit}
  .links a:hover{border-color:#2563eb;background:#f8faff}.links strong{display:block;color:#2563eb}.links small{color:#57606a}
  h2{font-size:16px;margin:20px 0 8px}pre{margin:0 0 12px;padding:12px;border-radius:8px;background:#1f2328;color:#e6edf3;font-size:13px;overflow-x:auto}code{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
  p code{padding:1px 5px;border-radius:4px;background:#f0f2f5}`;

/** The style is the one inline resource; its hash lets it through a CSP without 'unsafe-inline'. */
const STYLE_HASH = createHash('sha256').update(PAGE_STYLE).digest('base64');
const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/** Keyrealm's mark, inline so that the server's own pages need no image request. */
export const KEYREALM_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="40" height="40" role="img" aria-label="Keyrealm">
<rect width="64" height="64" rx="14" fill="#2563eb"/><circle cx="24" cy="32" r="11" fill="none" stroke="#fff" stroke-width="6"/>
<path d="M35 32h20M47 32v9M54 32v6" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round"/></svg>`;

/** Who a page speaks for: its name (plain text) and the HTML of its logo. */
interface Brand {
  name: string;
  logoHtml: string;
}

const KEYREALM: Brand = { name: 'Keyrealm', logoHtml: KEYREALM_LOGO_SVG };

export function realmName(realm: Realm): string {
  return realm.public_info.display_name ?? realm.name;
}

function send(reply: FastifyReply, brand: Brand, title: string, body: string, status: number, mainClass = ''): FastifyReply {
  const name = escapeHtml(brand.name);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${name}</title><style>${PAGE_STYLE}</style></head>
<body><main${mainClass ? ` class="${mainClass}"` : ''}><header>${brand.logoHtml}<span>${name}</span></header>${body}</main></body></html>`;
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', CSP)
    .send(html);
}

/** A page in Keyrealm's own name: the landing page, and errors where no realm is known. */
export function sendServerPage(reply: FastifyReply, title: string, body: string, options: { status?: number; wide?: boolean } = {}): FastifyReply {
  return send(reply, KEYREALM, title, body, options.status ?? 200, options.wide ? 'wide' : '');
}

const FORM_LIMIT = 32_768;

/**
 * Plain HTML forms post urlencoded bodies. Route trees are encapsulated, so only the page trees
 * that call this accept them; the API stays JSON only. Their fields get the JSON bodies' check
 * for text no database stores (`%00` decodes to NUL), answered as the page's 400.
 */
export function acceptForms(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
    const fields = new URLSearchParams(body as string);
    const details = [...fields].flatMap(([name, value]) => unstorableFields({ [name]: value }));
    if (details.length > 0) return done(unstorableTextError(details), undefined);
    done(null, fields);
  });
}

/** A posted form's fields, or an empty set for anything that is not one. */
export function formFields(body: unknown): URLSearchParams {
  return body instanceof URLSearchParams ? body : new URLSearchParams();
}
