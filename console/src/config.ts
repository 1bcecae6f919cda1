/**
 * What the server tells the console about itself, in index.html as a JSON data block (never run as
 * script, so the CSP needs no exception): the admin realm's issuer and endpoints, the console's
 * client id, and the admin API as the resource its tokens are for.
 */
export interface ConsoleConfig {
  issuer: string;
  clientId: string;
  resource: string;
  /** Where the console lives (`{public_url}/console`): redirect URIs are built from it. */
  base: string;
  version: string;
  /** The admin realm's endpoints and ID-token algorithm, as its discovery document gives them: no discovery request is made. */
  authorizationServer: {
    issuer: string;
    authorization_endpoint: string;
    token_endpoint: string;
    end_session_endpoint: string;
    id_token_signing_alg_values_supported: string[];
  };
}

export function readConfig(doc: Document): ConsoleConfig {
  const block = doc.getElementById('console-config');
  if (!block?.textContent) throw new Error('index.html has no console configuration');
  return JSON.parse(block.textContent) as ConsoleConfig;
}
