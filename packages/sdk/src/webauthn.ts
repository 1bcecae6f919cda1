/**
 * The browser side of a passkey sign-in: the realm's request options (JSON, base64url) to what
 * `navigator.credentials.get` takes, and the assertion back to the JSON the realm verifies — with
 * the browser's own converters where it has them (`parseRequestOptionsFromJSON`, `toJSON`), by
 * hand otherwise. Browser only: it needs `navigator.credentials` (the few WebAuthn shapes it uses
 * are declared here, so the package needs no DOM typings).
 */
export interface RequestOptionsJSON {
  challenge: string;
  rpId?: string;
  timeout?: number;
  userVerification?: 'required' | 'preferred' | 'discouraged';
  allowCredentials?: { id: string; type: 'public-key'; transports?: string[] }[];
  extensions?: Record<string, unknown>;
}

interface Assertion {
  id: string;
  rawId: ArrayBuffer;
  type: string;
  authenticatorAttachment?: string | null;
  response: { clientDataJSON: ArrayBuffer; authenticatorData: ArrayBuffer; signature: ArrayBuffer; userHandle: ArrayBuffer | null };
  getClientExtensionResults(): unknown;
  toJSON?: () => unknown;
}

/** Creation options as the realm gives them (JSON, base64url). */
export interface CreationOptionsJSON {
  challenge: string;
  user: { id: string; name: string; displayName: string };
  excludeCredentials?: { id: string; type: 'public-key'; transports?: string[] }[];
  [member: string]: unknown;
}

interface Attestation {
  id: string;
  rawId: ArrayBuffer;
  type: string;
  authenticatorAttachment?: string | null;
  response: { clientDataJSON: ArrayBuffer; attestationObject: ArrayBuffer; getTransports?: () => string[] };
  getClientExtensionResults(): unknown;
  toJSON?: () => unknown;
}

interface Browser {
  navigator?: { credentials?: { get(options: Record<string, unknown>): Promise<Assertion | null>; create(options: Record<string, unknown>): Promise<Attestation | null> } };
  PublicKeyCredential?: { parseRequestOptionsFromJSON?: (options: RequestOptionsJSON) => unknown; parseCreationOptionsFromJSON?: (options: CreationOptionsJSON) => unknown };
}

const fromBase64url = (text: string): ArrayBuffer => {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '='));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
};

const toBase64url = (buffer: ArrayBuffer): string => {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

function requestOptions(browser: Browser, options: RequestOptionsJSON): unknown {
  const native = browser.PublicKeyCredential?.parseRequestOptionsFromJSON;
  if (native) return native.call(browser.PublicKeyCredential, options);
  return { ...options, challenge: fromBase64url(options.challenge), allowCredentials: options.allowCredentials?.map((credential) => ({ ...credential, id: fromBase64url(credential.id) })) };
}

/** A credential as its toJSON() would write it (browsers without toJSON), around its response's own fields. */
function credentialJSON(credential: Assertion | Attestation, response: Record<string, unknown>): unknown {
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response,
  };
}

function assertionJSON(credential: Assertion): unknown {
  if (typeof credential.toJSON === 'function') return credential.toJSON();
  const { response } = credential;
  return credentialJSON(credential, {
    clientDataJSON: toBase64url(response.clientDataJSON),
    authenticatorData: toBase64url(response.authenticatorData),
    signature: toBase64url(response.signature),
    ...(response.userHandle ? { userHandle: toBase64url(response.userHandle) } : {}),
  });
}

/** Asks the browser for a passkey matching the options; the assertion as the realm takes it. */
export async function getPasskeyAssertion(options: RequestOptionsJSON, mediation?: 'optional' | 'conditional' | 'required' | 'silent', signal?: AbortSignal): Promise<unknown> {
  const browser = globalThis as unknown as Browser;
  const credentials = browser.navigator?.credentials;
  if (!credentials) throw new Error('Passkeys need a browser with WebAuthn.');
  const credential = await credentials.get({ publicKey: requestOptions(browser, options), ...(mediation ? { mediation } : {}), ...(signal ? { signal } : {}) });
  if (!credential) throw new Error('No passkey was chosen.');
  return assertionJSON(credential);
}

function creationOptions(browser: Browser, options: CreationOptionsJSON): unknown {
  const native = browser.PublicKeyCredential?.parseCreationOptionsFromJSON;
  if (native) return native.call(browser.PublicKeyCredential, options);
  return {
    ...options,
    challenge: fromBase64url(options.challenge),
    user: { ...options.user, id: fromBase64url(options.user.id) },
    excludeCredentials: options.excludeCredentials?.map((credential) => ({ ...credential, id: fromBase64url(credential.id) })),
  };
}

function attestationJSON(credential: Attestation): unknown {
  if (typeof credential.toJSON === 'function') return credential.toJSON();
  const { response } = credential;
  return credentialJSON(credential, { clientDataJSON: toBase64url(response.clientDataJSON), attestationObject: toBase64url(response.attestationObject), transports: response.getTransports?.() ?? [] });
}

/** Asks the browser to create a passkey with the realm's creation options; the attestation as the realm takes it. */
export async function createPasskey(options: CreationOptionsJSON, signal?: AbortSignal): Promise<unknown> {
  const browser = globalThis as unknown as Browser;
  const credentials = browser.navigator?.credentials;
  if (!credentials) throw new Error('Passkeys need a browser with WebAuthn.');
  const credential = await credentials.create({ publicKey: creationOptions(browser, options), ...(signal ? { signal } : {}) });
  if (!credential) throw new Error('No passkey was created.');
  return attestationJSON(credential);
}
