/**
 * What gets published: the committed types are those of the server's document today (regenerate
 * with `npm run generate -w packages/sdk` when this fails), and `npm pack` makes a tarball that
 * installs into an empty project and imports there, both entry points, with type declarations.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { GENERATED, liveDocument, typesOf } from '../scripts/openapi-types.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** The npm that runs the tests (on PATH under `npm test`). */
const runNpm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the published SDK package', () => {
  it("carries the types of the server's OpenAPI document as it is now", async () => {
    const committed = readFileSync(GENERATED, 'utf8');
    assert.ok(committed === (await typesOf(await liveDocument())), 'packages/sdk/src/generated/openapi.ts is stale: run `npm run generate -w packages/sdk`');
  });

  it('packs into a tarball that installs and imports in an empty project', () => {
    const work = mkdtempSync(join(tmpdir(), 'keyrealm-sdk-pack-'));
    try {
      const tarball = JSON.parse(runNpm(['pack', '--json', '--pack-destination', work], packageDir))[0].filename as string;
      const project = join(work, 'project');
      execFileSync('mkdir', [project]);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0', type: 'module', private: true }));
      runNpm(['install', '--no-audit', '--no-fund', join(work, tarball)], project);
      const installed = join(project, 'node_modules', '@keyrealm', 'sdk');
      assert.ok(existsSync(join(installed, 'dist', 'index.d.ts')) && existsSync(join(installed, 'dist', 'middleware.d.ts')), 'type declarations are in the package');
      assert.ok(!existsSync(join(installed, 'src')) && !existsSync(join(installed, 'test')), 'only the build and the README are published');
      writeFileSync(
        join(project, 'check.mjs'),
        "import { KeyrealmAdmin, KeyrealmRealm, KeyrealmError, verifyAccessToken } from '@keyrealm/sdk';\n" +
          "import { fastifyGuard, expressGuard, honoGuard, requireRole } from '@keyrealm/sdk/middleware';\n" +
          'console.log([KeyrealmAdmin, KeyrealmRealm, KeyrealmError, verifyAccessToken, fastifyGuard, expressGuard, honoGuard, requireRole].map((x) => typeof x).join(","));\n',
      );
      assert.equal(execFileSync(process.execPath, ['check.mjs'], { cwd: project, encoding: 'utf8' }).trim(), Array(8).fill('function').join(','));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
