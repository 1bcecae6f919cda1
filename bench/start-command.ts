/**
 * How `npm start` starts the server, for the benchmarks that measure it as deployed: the build
 * (prestart), then the start script's own command line (its environment settings, node flags and
 * compiled entry point).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What package.json's start script ("[NAME=value …] node <arguments>") runs: its environment
 * settings and node arguments, with `entry` in place of its script when given.
 */
export function startCommand(root: string, entry: string | undefined): { env: Record<string, string>; args: string[] } {
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  const words = start.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [name, value] = words.shift()!.split('=');
    env[name] = value;
  }
  if (words[0] !== 'node') throw new Error(`the start script does not run node directly: ${start}`);
  const flags = words.slice(1).filter((word) => word.startsWith('-'));
  const script = entry ?? words.slice(1).find((word) => !word.startsWith('-'));
  if (!script) throw new Error(`no script in the start script: ${start}`);
  return { env, args: [...flags, script] };
}

/** What prestart does before `npm start`, when the checkout has a build. */
export function build(root: string): void {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  if (!scripts.prestart) return;
  const result = spawnSync('sh', ['-c', scripts.prestart], { cwd: root, stdio: 'inherit', env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` } });
  if (result.status !== 0) throw new Error(`the build (${scripts.prestart}) failed`);
}
