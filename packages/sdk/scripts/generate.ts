/** Regenerates packages/sdk/src/generated/openapi.ts from this checkout's server (scripts/openapi-types.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED, liveDocument, typesOf } from './openapi-types.ts';

const target = fileURLToPath(GENERATED);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, await typesOf(await liveDocument()));
process.stdout.write(`wrote ${target}\n`);
