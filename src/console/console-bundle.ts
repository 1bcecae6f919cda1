/**
 * The built console (scripts/build-console.ts writes dist/console-app): its hashed script and
 * stylesheet, each with the gzip and brotli copies made at build time, read once on first use and
 * kept in memory (together a few hundred KB), and the page that loads them.
 */
import { readFile } from 'node:fs/promises';

export interface ConsoleAsset {
  type: string;
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

export interface ConsoleBundle {
  scriptName: string;
  styleName: string;
  /** By file name: only the names the build made are served (no path reaches the disk). */
  assets: Map<string, ConsoleAsset>;
}

/** src/console and dist/console are both two levels below the project, beside dist/console-app. */
const BUNDLE_DIR = new URL('../../dist/console-app/', import.meta.url);

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

export async function loadConsoleBundle(directory: URL = BUNDLE_DIR): Promise<ConsoleBundle | undefined> {
  let manifest: { script: string; style: string };
  try {
    manifest = JSON.parse(await readFile(new URL('manifest.json', directory), 'utf8')) as typeof manifest;
  } catch {
    return undefined;
  }
  const assets = new Map<string, ConsoleAsset>();
  for (const name of [manifest.script, manifest.style]) {
    const at = new URL(`assets/${name}`, directory);
    const [identity, gzip, brotli] = await Promise.all([readFile(at), readFile(`${at.pathname}.gz`), readFile(`${at.pathname}.br`)]);
    assets.set(name, { type: TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream', identity, gzip, brotli });
  }
  return { scriptName: manifest.script, styleName: manifest.style, assets };
}

/**
 * What the console would otherwise read from the admin realm's discovery document, given with the
 * page: a first load then goes to the sign-in page, and the callback to the token endpoint, without
 * a discovery request first (two round trips of each first load). The names are discovery's.
 */
export interface ConsoleAuthorizationServer {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint: string;
  id_token_signing_alg_values_supported: string[];
}

export interface ConsolePageSettings {
  issuer: string;
  clientId: string;
  resource: string;
  base: string;
  version: string;
  authorizationServer: ConsoleAuthorizationServer;
}

/** JSON inside <script type="application/json">: `<` escaped, so no value can close the element. */
const embeddedJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function consolePage(bundle: ConsoleBundle, settings: ConsolePageSettings, assetPath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Keyrealm console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetPath}/${bundle.styleName}">
<script type="module" src="${assetPath}/${bundle.scriptName}"></script>
</head>
<body>
<div id="console"></div>
<script type="application/json" id="console-config">${embeddedJson(settings)}</script>
</body>
</html>
`;
}

/**
 * Scripts, styles and images only from the server itself (the console shows no remote image; `data:`
 * for the empty icon); the API and the provider are on the same origin. Frames only of this origin:
 * the template editor's mail preview (src/http/pages/console-mail-preview.ts), under its own policy.
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The copy to send for an Accept-Encoding header: brotli, else gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = (acceptEncoding ?? '').toLowerCase().split(',').map((part) => part.trim().split(';'));
  const allows = (name: string) => accepted.some(([coding, ...params]) => coding === name && !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param)));
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return undefined;
}
