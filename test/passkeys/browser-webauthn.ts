/**
 * WebAuthn in real Chromium: a virtual authenticator attached through the Chrome DevTools
 * Protocol, and the two ceremonies run in the page with the options our API produced. The page
 * turns JSON options into what `navigator.credentials` takes and the result back into JSON with
 * the browser's own WebAuthn Level 3 methods, as a relying party's front end would.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
}

/**
 * A platform authenticator with resident keys and user verification (a laptop's passkey store), or
 * with `verifiesUser: false` one that cannot verify its user (no PIN, no biometrics). Chromium
 * protects discoverable credentials (credProtect), so such an authenticator only answers requests
 * that name the credential.
 */
export async function addVirtualAuthenticator(page: Page, { verifiesUser = true } = {}): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: verifiesUser,
      isUserVerified: verifiesUser,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Moves every credential to a new authenticator of the page (the old one is removed). */
export async function moveCredentials(page: Page, from: VirtualAuthenticator, options: { verifiesUser: boolean }): Promise<VirtualAuthenticator> {
  const credentials = await storedCredentials(from);
  await from.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: from.authenticatorId });
  const to = await addVirtualAuthenticator(page, options);
  for (const credential of credentials) await to.cdp.send('WebAuthn.addCredential', { authenticatorId: to.authenticatorId, credential });
  return to;
}

export interface StoredCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

export async function storedCredentials(authenticator: VirtualAuthenticator): Promise<StoredCredential[]> {
  return (await authenticator.cdp.send('WebAuthn.getCredentials', { authenticatorId: authenticator.authenticatorId })).credentials as StoredCredential[];
}

/** Puts a copy of the credential back with an older counter: what a cloned authenticator would hold. */
export async function rewindCounter(authenticator: VirtualAuthenticator, credential: StoredCredential, signCount: number): Promise<void> {
  const { authenticatorId, cdp } = authenticator;
  await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId: credential.credentialId });
  await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: { ...credential, signCount } });
}

/** The page's WebAuthn API, typed here because the project compiles without the DOM library. */
interface PageWebAuthn {
  PublicKeyCredential: { parseCreationOptionsFromJSON(json: unknown): unknown; parseRequestOptionsFromJSON(json: unknown): unknown };
  navigator: { credentials: { create(options: { publicKey: unknown }): Promise<{ toJSON(): unknown }>; get(options: { publicKey: unknown }): Promise<{ toJSON(): unknown }> } };
}

export type CeremonyResult = { ok: true; credential: Record<string, unknown> & { id: string; response: Record<string, string> } } | { ok: false; error: string };

/** `navigator.credentials.create()` in the page with our creation options (waiting at most 10 s, not the options' 5 minutes). */
export function createInPage(page: Page, options: unknown): Promise<CeremonyResult> {
  return page.evaluate(async (json) => {
    try {
      const web = globalThis as unknown as PageWebAuthn;
      const credential = await web.navigator.credentials.create({ publicKey: web.PublicKeyCredential.parseCreationOptionsFromJSON({ ...(json as object), timeout: 10_000 }) });
      return { ok: true as const, credential: credential.toJSON() as never };
    } catch (error) {
      return { ok: false as const, error: String(error) };
    }
  }, options);
}

/** `navigator.credentials.get()` in the page with our request options. */
export function getInPage(page: Page, options: unknown): Promise<CeremonyResult> {
  return page.evaluate(async (json) => {
    try {
      const web = globalThis as unknown as PageWebAuthn;
      const credential = await web.navigator.credentials.get({ publicKey: web.PublicKeyCredential.parseRequestOptionsFromJSON({ ...(json as object), timeout: 10_000 }) });
      return { ok: true as const, credential: credential.toJSON() as never };
    } catch (error) {
      return { ok: false as const, error: String(error) };
    }
  }, options);
}

/** The client data the browser signed, decoded. */
export function clientDataOf(credential: { response: Record<string, string> }): { type: string; origin: string; challenge: string } {
  return JSON.parse(Buffer.from(credential.response.clientDataJSON, 'base64url').toString('utf8'));
}
