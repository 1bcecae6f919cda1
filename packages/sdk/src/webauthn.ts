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

interface Browser {
  navigator?: { credentials?: { get(options: Record<string, unknown>): Promise<Assertion | null> } };
  PublicKeyCredential?: { parseRequestOptionsFromJSON?: (options: RequestOptionsJSON) => unknown };
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

function assertionJSON(credential: Assertion): unknown {
  if (typeof credential.toJSON === 'function') return credential.toJSON();
  const { response } = credential;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      authenticatorData: toBase64url(response.authenticatorData),
      signature: toBase64url(response.signature),
      ...(response.userHandle ? { userHandle: toBase64url(response.userHandle) } : {}),
    },
  };
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
