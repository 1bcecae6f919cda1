/**
 * The SDK's types from the server's OpenAPI document: a server of this checkout composed in memory
 * (SQLite, no port) answers `/openapi.json`, and openapi-typescript turns it into
 * `src/generated/openapi.ts`. Shared by the generating script and the test that fails when the
 * committed types no longer match the document.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import { startTestServer } from '../../../test/support/server.ts';

export const GENERATED = new URL('../src/generated/openapi.ts', import.meta.url);

const HEADER = `/**
 * Generated from Keyrealm's OpenAPI document by packages/sdk/scripts/generate.ts
 * (openapi-typescript). Do not edit: run \`npm run generate -w packages/sdk\`.
 */
/* eslint-disable */
`;

export async function liveDocument(): Promise<Record<string, unknown>> {
  const server = await startTestServer({ dialect: 'sqlite' });
  try {
    return (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  } finally {
    await server.dispose();
  }
}

export async function typesOf(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { alphabetize: true, defaultNonNullable: false });
  return HEADER + astToString(ast);
}
