/**
 * Builds what `npm start` runs: src/ compiled to JavaScript in dist/ (tsconfig.build.json), plus the
 * files the server reads at run time beside its modules (the common-password list); and the
 * workspace packages (packages/sdk, then packages/mcp, which imports the SDK as published: its
 * dist/); and the admin console (console/, bundled into dist/console-app by build-console.ts). Run by
 * `npm install`/`npm ci` (prepare) and before every `npm start` and `npm run migrate`, so the
 * server never runs JavaScript older than its sources: `tsc -b` compares the sources with the last
 * build and returns at once when nothing changed. A type error stops the build, and the start.
 *
 *   node scripts/build.ts
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConsole } from './build-console.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'src');
const output = join(root, 'dist');

const projects = ['packages/sdk/tsconfig.build.json', 'packages/mcp/tsconfig.build.json', 'tsconfig.build.json'].map((project) => join(root, project));
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', ...projects], { stdio: 'inherit' });
if (tsc.status !== 0) {
  process.stderr.write('The build failed (above); dist/ was not brought up to date, so nothing was started.\n');
  process.exit(tsc.status ?? 1);
}

/** Data files the modules open relative to import.meta.url: every file under src/ that is neither code nor documentation. */
function copyRuntimeFiles(directory: string): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const from = join(directory, entry.name);
    if (entry.isDirectory()) {
      copyRuntimeFiles(from);
      continue;
    }
    if (entry.name.endsWith('.ts') || entry.name.endsWith('.md')) continue;
    // Copied every time (a few hundred KB, about a millisecond), so a changed data file is never left behind.
    const to = join(output, relative(source, from));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
}
copyRuntimeFiles(source);

// The `keyrealm` command (package.json bin) is run by its #! line: tsc writes it without the executable bit.
chmodSync(join(output, 'operator-cli/main.js'), 0o755);

/** The reference pages the MCP server offers as resources (packages/mcp/src/docs.ts), copied beside it and published with it. */
const MCP_DOCS = ['api', 'events', 'errors', 'authorization', 'applications', 'identity-providers', 'mfa', 'passkeys', 'security', 'webhooks'];
mkdirSync(join(root, 'packages/mcp/docs'), { recursive: true });
for (const name of MCP_DOCS) copyFileSync(join(root, 'docs', `${name}.md`), join(root, 'packages/mcp/docs', `${name}.md`));

await buildConsole(root);
