#!/usr/bin/env node
/**
 * `keyrealm-mcp`: the MCP server over stdio, for desktop assistants and editors. Configured by the
 * environment: KEYREALM_URL, and either KEYREALM_TOKEN (an operator's access token) or
 * KEYREALM_OPERATOR_EMAIL with KEYREALM_OPERATOR_PASSWORD (signed in, renewed by itself). Nothing
 * is written to stdout but the protocol.
 */
import { KeyrealmAdmin } from '@keyrealm/sdk';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createKeyrealmMcpServer } from './server.ts';

const baseUrl = process.env.KEYREALM_URL ?? 'http://localhost:8080';
const token = process.env.KEYREALM_TOKEN;
const email = process.env.KEYREALM_OPERATOR_EMAIL;
const password = process.env.KEYREALM_OPERATOR_PASSWORD;

if (!token && !(email && password)) {
  process.stderr.write('keyrealm-mcp: set KEYREALM_TOKEN, or KEYREALM_OPERATOR_EMAIL and KEYREALM_OPERATOR_PASSWORD (and KEYREALM_URL).\n');
  process.exit(2);
}
const admin = token ? new KeyrealmAdmin({ baseUrl, token }) : await KeyrealmAdmin.signIn({ baseUrl, identifier: email!, password: password! });
await createKeyrealmMcpServer(admin).connect(new StdioServerTransport());
