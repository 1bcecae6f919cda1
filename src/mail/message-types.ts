import { emailOtp, magicLink, numberMatch } from './defaults/sign-in-messages.ts';
import { passwordChanged, passwordReset, registrationAttempt, verifyEmail, type DefaultTemplate } from './defaults/account-messages.ts';
import { recoveryCodeUsed } from './defaults/mfa-messages.ts';
import { smsOtp } from './defaults/sms-messages.ts';

/**
 * Every message type Keyrealm sends: what it is for, the variables its templates may use, and its
 * default template. Adding a type is one entry in `messageTypes` (and its default bodies).
 */
export interface VariableSpec {
  description: string;
  /** Shown in previews when no value is given, and used to check templates when they are saved. */
  example: string | number;
  /** Links and codes: sealed while queued, wiped once no longer needed, never logged. */
  secret?: boolean;
  /** Worked out by the queue from the others; callers do not pass it. */
  derived?: boolean;
  /** A point in time: given as an ISO string or epoch milliseconds, sent as e.g. "1 January 2026 at 09:30 UTC". */
  time?: boolean;
}

/** Present in every message; the queue fills them in from the realm, the recipient and the clock. */
export const commonVariables = {
  realm_name: { description: "The realm's name.", example: 'Acme' },
  realm_display_name: { description: "The realm's public display name, or its name when it has none.", example: 'Acme' },
  user_email: { description: 'The address the message is sent to.', example: 'ada@example.com' },
  user_name: { description: "The user's display name, else first and last name, else the email address.", example: 'Ada Lovelace' },
  logo_url: { description: "The realm's public logo URL; empty when it has none.", example: '' },
  year: { description: 'The current year, for a copyright line.', example: 2026 },
} as const satisfies Record<string, VariableSpec>;

/** Variables only some types have; the caller of `enqueue` passes those that are not derived. */
export const typeVariables = {
  link: {
    description: 'The link to follow (a one-time token is in it).',
    example: 'https://id.example.com/realms/acme/pages/example?token=sample-token',
    secret: true,
  },
  code: { description: 'A one-time code to type in.', example: '123456', secret: true },
  expires_in_minutes: { description: 'Whole minutes until the link or code expires.', example: 60 },
  expires_in: { description: 'The same as words, e.g. "60 minutes" or "24 hours".', example: '60 minutes', derived: true },
  changed_at: { description: 'When the password was changed, e.g. "1 January 2026 at 09:30 UTC".', example: '1 January 2026 at 09:30 UTC', time: true },
  used_at: { description: 'When the recovery code was used, e.g. "1 January 2026 at 09:30 UTC".', example: '1 January 2026 at 09:30 UTC', time: true },
  codes_left: { description: 'How many unused recovery codes the user has left.', example: 9 },
} as const satisfies Record<string, VariableSpec>;

export type CommonVariable = keyof typeof commonVariables;
export type TypeVariable = keyof typeof typeVariables;
export type VariableName = CommonVariable | TypeVariable;

export interface MessageTypeSpec {
  description: string;
  /** The type's own variables besides the common ones. */
  variables: readonly TypeVariable[];
  defaults: DefaultTemplate;
  /** How it goes out; email when absent. SMS types send only their text part (src/sms). */
  channel?: 'email' | 'sms';
}

export const messageTypes = {
  verify_email: {
    description: 'Asks a user to confirm their email address (after sign-up, an email change, or on request).',
    variables: ['link', 'expires_in_minutes', 'expires_in'],
    defaults: verifyEmail,
  },
  password_reset: {
    description: 'Carries a link to choose a new password (forgot password, or sent by an operator).',
    variables: ['link', 'expires_in_minutes', 'expires_in'],
    defaults: passwordReset,
  },
  password_changed: {
    description: "Tells a user their password was changed, in case it wasn't them.",
    variables: ['changed_at'],
    defaults: passwordChanged,
  },
  registration_attempt: {
    description: 'Someone tried to sign up with an address that already has an account: tells the owner, with a reset link in case they forgot their password.',
    variables: ['link', 'expires_in_minutes', 'expires_in'],
    defaults: registrationAttempt,
  },
  email_otp: {
    description: 'A one-time code to sign in with (as the first factor, or a second one).',
    variables: ['code', 'expires_in_minutes', 'expires_in'],
    defaults: emailOtp,
  },
  magic_link: {
    description: 'A link that approves a passwordless sign-in started on any screen (a magic link).',
    variables: ['link', 'expires_in_minutes', 'expires_in'],
    defaults: magicLink,
  },
  number_match: {
    description: 'A link to approve a sign-in by picking the number the starting screen shows (number matching).',
    variables: ['link', 'expires_in_minutes', 'expires_in'],
    defaults: numberMatch,
  },
  recovery_code_used: {
    description: 'Tells a user one of their recovery codes was used to sign in, in case it was not them.',
    variables: ['used_at', 'codes_left'],
    defaults: recoveryCodeUsed,
  },
  sms_otp: {
    description: 'A one-time code by SMS, to sign in with (as the first factor, or a second one). Only the text part is sent.',
    variables: ['code', 'expires_in_minutes', 'expires_in'],
    defaults: smsOtp,
    channel: 'sms',
  },
} as const satisfies Record<string, MessageTypeSpec>;

export type MessageType = keyof typeof messageTypes;

export const messageTypeNames = Object.keys(messageTypes) as MessageType[];

export function isMessageType(name: string): name is MessageType {
  return Object.hasOwn(messageTypes, name);
}

/** The types sent by SMS (queued with src/sms/sms-queue.ts); every other type is email. */
export type SmsMessageType = { [K in MessageType]: (typeof messageTypes)[K] extends { channel: 'sms' } ? K : never }[MessageType];

export function channelOf(type: MessageType): 'email' | 'sms' {
  const spec: MessageTypeSpec = messageTypes[type];
  return spec.channel ?? 'email';
}

const allVariables: Record<VariableName, VariableSpec> = { ...commonVariables, ...typeVariables };

/** Every variable a type's templates may use, common ones first. */
export function variablesOf(type: MessageType): { name: VariableName; spec: VariableSpec }[] {
  const names = [...(Object.keys(commonVariables) as CommonVariable[]), ...messageTypes[type].variables];
  return names.map((name) => ({ name, spec: allVariables[name] }));
}

/** Values that stand in for every variable of a type: previews and the check when a template is saved. */
export function exampleVariables(type: MessageType): Record<string, string | number> {
  return Object.fromEntries(variablesOf(type).map(({ name, spec }) => [name, spec.example]));
}

/** The variables of a type that must never outlive their use (links, codes). */
export function secretVariablesOf(type: MessageType): string[] {
  return variablesOf(type)
    .filter(({ spec }) => spec.secret === true)
    .map(({ name }) => name);
}
