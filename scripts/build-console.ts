/**
 * Builds the admin console (console/src, a Preact single-page application) into dist/console-app:
 * one bundled, minified script and one stylesheet, each named by a hash of its contents (so the
 * server may cache them for a year), with gzip and brotli copies made once here rather than per
 * request, and manifest.json naming them for the server, which writes the page itself. Called by scripts/build.ts; skipped when no console source
 * changed since the last build (a stamp of the sources' paths, sizes and times).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

function sourceStamp(directories: string[]): string {
  const hash = createHash('sha256');
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${path}:${statSync(path).size}:${statSync(path).mtimeMs}\n`);
    }
  };
  directories.forEach(walk);
  return hash.digest('hex');
}

export async function buildConsole(root: string): Promise<void> {
  const source = join(root, 'console/src');
  const output = join(root, 'dist/console-app');
  const stampFile = join(output, '.stamp');
  // The generated API types and this script shape the bundle too.
  const stamp = sourceStamp([source, join(root, 'packages/sdk/src/generated')]) + createHash('sha256').update(readFileSync(new URL(import.meta.url))).digest('hex');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;

  const result = await build({
    entryPoints: { app: join(source, 'main.tsx'), style: join(source, 'styles/index.css') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    outdir: output,
    entryNames: '[name]-[hash]',
    legalComments: 'none',
    logLevel: 'error',
    metafile: true,
  });
  rmSync(output, { recursive: true, force: true });
  mkdirSync(join(output, 'assets'), { recursive: true });
  const assets: Record<string, string> = {};
  for (const file of result.outputFiles) {
    const name = relative(output, file.path);
    const at = join(output, 'assets', name);
    writeFileSync(at, file.contents);
    writeFileSync(`${at}.gz`, gzipSync(file.contents, { level: 9 }));
    writeFileSync(`${at}.br`, brotliCompressSync(file.contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    assets[name.endsWith('.css') ? 'style' : 'app'] = name;
  }
  writeFileSync(join(output, 'manifest.json'), `${JSON.stringify({ script: assets.app, style: assets.style }, null, 2)}\n`);
  writeFileSync(stampFile, stamp);
}
