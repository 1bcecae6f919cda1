import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { KEYREALM_LOGO_SVG } from './pages/page-layout.ts';

/**
 * The OpenAPI document (`/openapi.json`, generated from the schemas that validate requests) and
 * the API reference at `/docs`: Swagger UI in Keyrealm's name and colours. Its bundle is served
 * from the package's files on disk when a browser asks, never loaded into the server's memory.
 */
const INTRO = `Keyrealm is a self-hosted identity service organised around **realms**: each realm is an isolated
pool of users with its own settings, sign-in methods, signing keys and event log.

- **Your applications** sign their users in under \`/realms/{realm}/…\` and receive JWT access tokens,
  which they verify with the realm's JWKS or \`GET /realms/{realm}/auth/validate\`.
- **Operators** manage every realm through \`/admin/v1/…\`. Operators are the users of the built-in \`admin\` realm:
  sign in with \`POST /realms/admin/auth/login\`, then press **Authorize** and paste the access token.

Errors are \`{ "error": { "code", "message", "details" } }\` with a stable, namespaced code.`;

/** Keyrealm's colours over Swagger UI's; its dark mode is left out, as the theme is a light one. */
const THEME_CSS = `
  body{background:#f4f5f7}.swagger-ui,.swagger-ui .info .title,.swagger-ui .opblock-tag{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
  .swagger-ui .topbar{background:#111827;padding:12px 0}.swagger-ui .topbar .download-url-wrapper,.swagger-ui .topbar .dark-mode-toggle{display:none}
  .swagger-ui .topbar-wrapper a.link img{height:36px}
  .swagger-ui .info{margin:32px 0 24px}.swagger-ui .info .title{color:#111827}
  .swagger-ui .info .title small{background:#2563eb}.swagger-ui .info .title small.version-stamp{background:#1d4ed8}
  .swagger-ui .info .description p,.swagger-ui .info li{font-size:15px;line-height:1.6;color:#374151}
  .swagger-ui .info a{color:#2563eb}.swagger-ui .info hgroup.main a{font-size:13px}
  .swagger-ui .scheme-container{background:transparent;box-shadow:none;padding:0;margin:0 0 8px}
  .swagger-ui .opblock-tag{font-size:20px;border-bottom-color:#e5e7eb}.swagger-ui .opblock-tag a.nostyle{color:#111827}
  .swagger-ui .opblock{border-radius:8px}.swagger-ui .btn.authorize{color:#2563eb;border-color:#2563eb;background:#fff}.swagger-ui .btn.authorize svg{fill:#2563eb}
  .swagger-ui .btn.execute{background:#2563eb;border-color:#2563eb}
  .swagger-ui .filter-container .operation-filter-input{width:100%;border-radius:8px;border-color:#d0d7de}
  .swagger-ui .wrapper{max-width:1200px}`;

const WORDMARK = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 250 64" width="250" height="64">${KEYREALM_LOGO_SVG.replace(' width="40" height="40"', ' width="64" height="64"')}
<text x="80" y="43" font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="30" font-weight="600" fill="#fff">Keyrealm</text></svg>`;

const FAVICON = KEYREALM_LOGO_SVG.replace(' width="40" height="40"', '');

/**
 * Swagger UI's own files, its initializer and the theme are scripts and styles from this origin:
 * no inline code, so no 'unsafe-inline'. The logo is an image from a data: URL. The one hash is
 * the <style> inside the stock logo Swagger UI draws before ours replaces it (without it, every
 * load logs a refusal); another version of the bundle changes it, and the docs test says so.
 */
const STOCK_LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${STOCK_LOGO_STYLE}`,
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A query parameter with a default may be left out: the server fills it in. The schema that
 * validates lists it as required (so the handler always has it); the document says what a client
 * must send.
 */
function defaultsOptional(querystring: { properties?: Record<string, { default?: unknown }>; required?: string[] }) {
  if (!querystring.required || !querystring.properties) return querystring;
  const properties = querystring.properties;
  return { ...querystring, required: querystring.required.filter((name) => properties[name]?.default === undefined) };
}

export async function registerApiDocs(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    transform: ({ schema, url }) => ({ schema: schema?.querystring ? { ...schema, querystring: defaultsOptional(schema.querystring as never) } : schema, url }),
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Keyrealm API', version, description: INTRO },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  // Its own plugin, so that the hook covers every route Swagger UI adds, the bundle's static
  // files (/docs/static/*) included, which its uiHooks option does not reach.
  await app.register(async (docs) => {
    docs.addHook('onRequest', async (_request, reply) => {
      reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    });
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: DOCS_CSP,
      logo: { type: 'image/svg+xml', content: Buffer.from(WORDMARK), href: '/', target: '_self' },
      theme: {
        title: 'Keyrealm API reference',
        favicon: [{ filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: Buffer.from(FAVICON) }],
        css: [{ filename: 'keyrealm.css', content: THEME_CSS }],
      },
      uiConfig: { docExpansion: 'none', defaultModelsExpandDepth: -1, filter: true, displayRequestDuration: true, persistAuthorization: false },
    });
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
