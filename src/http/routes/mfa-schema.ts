import { Type } from '@sinclair/typebox';
import type { Enrolment, Factor, FactorList } from '../../mfa/mfa-service.ts';
import { MAX_DIGITS, MIN_DIGITS, otpAlgorithms } from '../../mfa/otp.ts';
import { Nullable, OneLine, Timestamp } from '../schemas.ts';

/** Request and response shapes of the second-factor routes (account, check and operator). */
export const FactorResponse = Type.Object({
  id: Type.String({ description: '`fac_…`' }),
  type: Type.Union([Type.Literal('totp'), Type.Literal('hotp')]),
  name: Type.String(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('active')], { description: '`pending` until a first code confirms it.' }),
  algorithm: Type.Union(otpAlgorithms.map((name) => Type.Literal(name))),
  digits: Type.Integer(),
  period: Nullable(Type.Integer({ description: 'Seconds per TOTP step; null for HOTP.' })),
  created_at: Timestamp,
  confirmed_at: Nullable(Timestamp),
  last_used_at: Nullable(Timestamp),
});

export const FactorListResponse = Type.Object({
  items: Type.Array(FactorResponse, { description: `The user's factors (at most 10), oldest first; never their secrets.` }),
  recovery_codes_left: Type.Integer({ description: 'Unused recovery codes.' }),
});

export const OtpCode = Type.String({ minLength: MIN_DIGITS, maxLength: MAX_DIGITS, pattern: '^[0-9]+$', description: 'The code the authenticator shows.' });
export const CodeBody = Type.Object({ code: OtpCode }, { additionalProperties: false });
export const FactorName = OneLine({ minLength: 1, maxLength: 64, description: 'A name the user recognises, e.g. "Phone".' });

export const EnrolBody = Type.Object(
  {
    name: FactorName,
    digits: Type.Optional(Type.Integer({ minimum: MIN_DIGITS, maximum: MAX_DIGITS, default: 6, description: 'Digits per code (most apps show 6).' })),
    algorithm: Type.Optional(Type.Union(otpAlgorithms.map((name) => Type.Literal(name)), { description: 'HMAC hash; SHA1 (the default) is what every app supports.' })),
  },
  { additionalProperties: false },
);
export const EnrolResponse = Type.Composite([
  FactorResponse,
  Type.Object({
    secret: Type.String({ description: 'The base32 seed (160 bits), shown this once: for typing into an app by hand.' }),
    uri: Type.String({ description: 'The otpauth:// URI the QR code holds.' }),
    qr_svg: Type.String({ description: 'The URI as a QR code, an SVG document.' }),
  }),
]);

export const RecoveryCodes = Type.Array(Type.String({ description: '`xxxxx-xxxxx`' }), { description: 'Shown this once; only hashes are kept.' });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toFactorResponse(factor: Factor) {
  return { ...factor, created_at: new Date(factor.created_at).toISOString(), confirmed_at: iso(factor.confirmed_at), last_used_at: iso(factor.last_used_at) };
}

export function toEnrolResponse(enrolment: Enrolment) {
  return { ...toFactorResponse(enrolment.factor), secret: enrolment.secret, uri: enrolment.uri, qr_svg: enrolment.qr_svg };
}

export function toFactorListResponse(list: FactorList) {
  return { items: list.items.map(toFactorResponse), recovery_codes_left: list.recovery_codes_left };
}
