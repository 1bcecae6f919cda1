/**
 * What gets published: `npm pack` of this package (with the SDK's tarball beside it, as npm would
 * fetch it) installs into an empty project, imports there, and its `keyrealm-mcp` command runs
 * (and, unconfigured, says what it needs and exits 2).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const runNpm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const packageDir = (name: string) => fileURLToPath(new URL(`../../${name}/`, import.meta.url));

describe('the published MCP package', () => {
  it('installs with the SDK into an empty project; its command runs', () => {
    const work = mkdtempSync(join(tmpdir(), 'keyrealm-mcp-pack-'));
    try {
      const tarballs = ['sdk', 'mcp'].map((name) => join(work, JSON.parse(runNpm(['pack', '--json', '--pack-destination', work], packageDir(name)))[0].filename as string));
      const project = join(work, 'project');
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0', type: 'module', private: true }));
      runNpm(['install', '--no-audit', '--no-fund', ...tarballs], project);
      assert.ok(existsSync(join(project, 'node_modules', '@keyrealm', 'mcp', 'dist', 'index.d.ts')));
      assert.ok(existsSync(join(project, 'node_modules', '@keyrealm', 'mcp', 'docs', 'events.md')), 'the reference pages are published with it');
      writeFileSync(join(project, 'check.mjs'), "import { createKeyrealmMcpServer } from '@keyrealm/mcp';\nconsole.log(typeof createKeyrealmMcpServer);\n");
      assert.equal(execFileSync(process.execPath, ['check.mjs'], { cwd: project, encoding: 'utf8' }).trim(), 'function');
      const bin = spawnSync(process.execPath, [join(project, 'node_modules', '@keyrealm', 'mcp', 'dist', 'stdio.js')], { cwd: project, encoding: 'utf8', env: { PATH: process.env.PATH } });
      assert.equal(bin.status, 2);
      assert.match(bin.stderr, /KEYREALM_TOKEN/);
      assert.ok(existsSync(join(project, 'node_modules', '.bin', 'keyrealm-mcp')), 'the command is linked');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
