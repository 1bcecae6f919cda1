#!/usr/bin/env node
/**
 * `keyrealm-mcp`: the MCP server over stdio, for desktop assistants and editors. Configured by the
 * environment: KEYREALM_URL, and one of KEYREALM_TOKEN (an operator's access token),
 * KEYREALM_OPERATOR_EMAIL with KEYREALM_OPERATOR_PASSWORD (signed in, renewed by itself, signed in
 * again when the session ends), or KEYREALM_CLIENT_ID with KEYREALM_CLIENT_SECRET (an operator
 * application's client credentials).
 * Nothing is written to stdout but the protocol.
 */
import { KeyrealmAdmin } from '@keyrealm/sdk';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createKeyrealmMcpServer } from './server.ts';

const baseUrl = process.env.KEYREALM_URL ?? 'http://localhost:8080';
const token = process.env.KEYREALM_TOKEN;
const email = process.env.KEYREALM_OPERATOR_EMAIL;
const password = process.env.KEYREALM_OPERATOR_PASSWORD;
const clientId = process.env.KEYREALM_CLIENT_ID;
const clientSecret = process.env.KEYREALM_CLIENT_SECRET;

async function adminClient(): Promise<KeyrealmAdmin> {
  if (token) return new KeyrealmAdmin({ baseUrl, token });
  // A server that runs for days outlives the operator's session: it signs in again when that ends.
  if (email && password) return KeyrealmAdmin.signIn({ baseUrl, identifier: email, password, signInAgain: true });
  if (clientId && clientSecret) return KeyrealmAdmin.withClientCredentials({ baseUrl, clientId, clientSecret });
  process.stderr.write('keyrealm-mcp: set KEYREALM_TOKEN, KEYREALM_OPERATOR_EMAIL and KEYREALM_OPERATOR_PASSWORD, or KEYREALM_CLIENT_ID and KEYREALM_CLIENT_SECRET (and KEYREALM_URL).\n');
  process.exit(2);
}
const admin = await adminClient();
await createKeyrealmMcpServer(admin).connect(new StdioServerTransport());
