/**
 * Builds the admin console (console/src, a Preact single-page application) into dist/console-app:
 * one bundled, minified script and one stylesheet, each named by a hash of its contents (so the
 * server may cache them for a year), with gzip and brotli copies made once here rather than per
 * request, and manifest.json naming them for the server, which writes the page itself. Called by
 * scripts/build.ts; skipped when nothing the bundle is made from changed since the last build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Every file below `directory`. */
function filesBelow(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesBelow(path) : [path];
  });
}

/**
 * What the bundle was made from: console/src, and every file the last build read from elsewhere
 * (the generated API types, the server's event catalogue…, listed by esbuild's metafile), each by
 * path, size and time; a file gone or new changes it too.
 */
function sourceStamp(root: string, source: string, inputsFile: string): string {
  const earlier = existsSync(inputsFile) ? (JSON.parse(readFileSync(inputsFile, 'utf8')) as string[]).map((path) => join(root, path)) : [];
  const files = [...new Set([...filesBelow(source), ...earlier])].sort();
  const hash = createHash('sha256').update(readFileSync(new URL(import.meta.url)));
  for (const path of files) hash.update(existsSync(path) ? `${path}:${statSync(path).size}:${statSync(path).mtimeMs}\n` : `${path}:gone\n`);
  return hash.digest('hex');
}

export async function buildConsole(root: string): Promise<void> {
  const source = join(root, 'console/src');
  const output = join(root, 'dist/console-app');
  const stampFile = join(output, '.stamp');
  const inputsFile = join(output, 'inputs.json');
  const stamp = sourceStamp(root, source, inputsFile);
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
  // esbuild names inputs relative to the working directory; kept relative to the project.
  const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules/')).map((path) => relative(root, join(process.cwd(), path)));
  writeFileSync(inputsFile, `${JSON.stringify(inputs, null, 2)}\n`);
  writeFileSync(stampFile, sourceStamp(root, source, inputsFile));
}
