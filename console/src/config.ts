/**
 * What the server tells the console about itself, in index.html as a JSON data block (never run as
 * script, so the CSP needs no exception): the admin realm's issuer, the console's client id, and
 * the admin API as the resource its tokens are for.
 */
export interface ConsoleConfig {
  issuer: string;
  clientId: string;
  resource: string;
  /** Where the console lives (`{public_url}/console`): redirect URIs are built from it. */
  base: string;
  version: string;
}

export function readConfig(doc: Document): ConsoleConfig {
  const block = doc.getElementById('console-config');
  if (!block?.textContent) throw new Error('index.html has no console configuration');
  return JSON.parse(block.textContent) as ConsoleConfig;
}
