import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';

/**
 * Keyrealm's reference as resources, `keyrealm://docs/{name}`: what the settings, events, errors
 * and authorization mean, for the assistant to read before it changes something. The pages are
 * the repository's docs, copied beside the package by its build (scripts/build.ts), so they are
 * those of the version installed.
 */
const DOCS = new URL('../docs/', import.meta.url);
const NAME = /^[a-z-]+$/;

function available(): string[] {
  if (!existsSync(DOCS)) return [];
  return readdirSync(DOCS)
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -3))
    .sort();
}

/** The first heading of a page, as its title. */
const titleOf = (text: string, name: string) => /^#\s+(.+)$/m.exec(text)?.[1] ?? name;

export function registerDocs(server: McpServer): void {
  server.registerResource(
    'docs',
    new ResourceTemplate('keyrealm://docs/{name}', {
      list: async () => ({
        resources: available().map((name) => ({ uri: `keyrealm://docs/${name}`, name, title: titleOf(readFileSync(new URL(`${name}.md`, DOCS), 'utf8'), name), mimeType: 'text/markdown' })),
      }),
    }),
    { title: "Keyrealm's reference", description: 'Realm settings, events and their codes, errors, roles and policies.', mimeType: 'text/markdown' },
    async (uri, { name }) => {
      const page = String(name);
      if (!NAME.test(page) || !available().includes(page)) throw new Error(`No page ${page}: see the list of keyrealm://docs resources.`);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: readFileSync(new URL(`${page}.md`, DOCS), 'utf8') }] };
    },
  );
}
