/**
 * A software WebAuthn authenticator for the API suites (which run on both dialects without a
 * browser): an ES256 key pair, a signature counter, and what a browser would send back from
 * `navigator.credentials.create()` and `.get()` through `toJSON()`. Every field a test wants to
 * lie about (origin, RP ID, user verification, counter) can be overridden. The Chromium suite
 * checks the same server code against a real (virtual) authenticator.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// ---- the little CBOR (RFC 8949) that attestation objects and COSE keys need.
function head(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 256) return Buffer.from([(major << 5) | 24, value]);
  if (value < 65536) return Buffer.from([(major << 5) | 25, value >> 8, value & 0xff]);
  const out = Buffer.alloc(5);
  out[0] = (major << 5) | 26;
  out.writeUInt32BE(value, 1);
  return out;
}

type Cbor = number | string | Buffer | Map<Cbor, Cbor>;

export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64u = (data: Buffer) => data.toString('base64url');

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export interface Lies {
  origin?: string;
  rpId?: string;
  userVerified?: boolean;
  /** The counter to report instead of the next one. */
  counter?: number;
  type?: string;
  userHandle?: string;
  crossOrigin?: boolean;
}

export interface CreationOptionsJson {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  excludeCredentials?: { id: string }[];
  authenticatorSelection?: { residentKey?: string; userVerification?: string };
}

export interface AuthenticatorDefaults {
  rpId: string;
  origin: string;
  userVerified?: boolean;
  /** false: always reports 0, like most synced passkeys. */
  countsSignatures?: boolean;
  /** Backup eligible and backed up (a synced passkey). */
  synced?: boolean;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;
  counter = 0;
  userHandle: string | null = null;

  readonly defaults: AuthenticatorDefaults;

  constructor(defaults: AuthenticatorDefaults) {
    this.defaults = defaults;
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#privateKey = pair.privateKey;
    this.#publicKey = pair.publicKey;
  }

  get id(): string {
    return b64u(this.credentialId);
  }

  #flags(userVerified: boolean, extra = 0): number {
    const synced = this.defaults.synced ? FLAG_BE | FLAG_BS : 0;
    return FLAG_UP | (userVerified ? FLAG_UV : 0) | synced | extra;
  }

  #coseKey(): Buffer {
    const jwk = this.#publicKey.export({ format: 'jwk' });
    return cbor(new Map<Cbor, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')]]));
  }

  #clientData(type: string, challenge: string, lies: Lies): Buffer {
    return Buffer.from(JSON.stringify({ type: lies.type ?? type, challenge, origin: lies.origin ?? this.defaults.origin, crossOrigin: lies.crossOrigin ?? false }));
  }

  /** The answer to creation options, as `PublicKeyCredential.toJSON()`. */
  create(options: CreationOptionsJson, lies: Lies = {}) {
    this.userHandle = options.user.id;
    const uv = lies.userVerified ?? this.defaults.userVerified ?? true;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(lies.counter ?? this.counter);
    const authData = Buffer.concat([sha256(lies.rpId ?? options.rp.id), Buffer.from([this.#flags(uv, FLAG_AT)]), counter, Buffer.alloc(16), idLength, this.credentialId, this.#coseKey()]);
    const attestationObject = cbor(new Map<Cbor, Cbor>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        clientDataJSON: b64u(this.#clientData('webauthn.create', options.challenge, lies)),
        attestationObject: b64u(attestationObject),
        transports: ['internal'],
      },
    };
  }

  /** The answer to request options (only the challenge matters), signing with the next counter value. */
  get(challenge: string, lies: Lies = {}) {
    if (this.defaults.countsSignatures !== false && lies.counter === undefined) this.counter += 1;
    const uv = lies.userVerified ?? this.defaults.userVerified ?? true;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(lies.counter ?? (this.defaults.countsSignatures === false ? 0 : this.counter));
    const rpId = lies.rpId ?? this.defaults.rpId;
    const authData = Buffer.concat([sha256(rpId), Buffer.from([this.#flags(uv)]), counter]);
    const clientData = this.#clientData('webauthn.get', challenge, lies);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.#privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64u(clientData),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        ...((lies.userHandle ?? this.userHandle) === null ? {} : { userHandle: lies.userHandle ?? this.userHandle }),
      },
    };
  }
}
