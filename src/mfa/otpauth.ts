import { firstCharacters } from '../platform/display-text.ts';
import { memoise } from '../platform/lazy.ts';
import type { OtpAlgorithm } from './otp.ts';

// Loaded by the first enrolment that shows a QR code (about 14 MB a process that never enrols does not need).
const loadQRCode = memoise(async () => (await import('qrcode')).default);

/**
 * The Key URI Format authenticator apps scan: otpauth://TYPE/ISSUER:ACCOUNT?secret=…&issuer=…
 * Issuer and account are encoded one by one, the colon between them literal, and the issuer is
 * repeated as a parameter (apps that read only one of the two still show the right name).
 */
export interface OtpauthInput {
  type: 'totp' | 'hotp';
  issuer: string;
  account: string;
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  /** TOTP only. */
  period?: number;
  /** HOTP only: the counter the device starts at. */
  counter?: number;
}

/**
 * How much of each name the URI carries. A QR code holds at most 2,331 bytes at medium error
 * correction, and a name outside ASCII takes up to twelve characters a character once
 * percent-encoded: a realm named in 200 Chinese characters made the code impossible (a 500).
 * Authenticator apps show a few dozen characters anyway.
 */
const MAX_ISSUER = 40;
const MAX_ACCOUNT = 64;

export function otpauthUri(input: OtpauthInput): string {
  // A colon in either part would be read as the separator; neither name needs one.
  const issuer = firstCharacters(input.issuer.replaceAll(':', ' ').trim(), MAX_ISSUER).trim();
  const account = firstCharacters(input.account.replaceAll(':', ' ').trim(), MAX_ACCOUNT).trim();
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret: input.secret, issuer, algorithm: input.algorithm, digits: String(input.digits) });
  if (input.type === 'totp') params.set('period', String(input.period ?? 30));
  else params.set('counter', String(input.counter ?? 0));
  // URLSearchParams writes spaces as '+'; authenticator apps expect %20.
  return `otpauth://${input.type}/${label}?${params.toString().replaceAll('+', '%20')}`;
}

/** The URI as a QR code in SVG (medium error correction, a quiet zone of one module). */
export async function qrSvg(uri: string): Promise<string> {
  return (await loadQRCode()).toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}
