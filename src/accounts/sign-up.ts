import type { Kysely } from 'kysely';
import { AppError, type ErrorDetail } from '../errors.ts';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { accountLink, minutesUntil, type AccountMailer } from './account-mail.ts';
import type { AccountThrottle } from './account-throttle.ts';
import type { AccountTokens } from './account-tokens.ts';
import type { AccountUsers } from './account-users.ts';
import { normalizeEmail, requireEmail, requireMobile, requireUsername, spellsAnotherAddress } from '../users/identifiers.ts';
import { identifiersTaken } from '../users/identifier-conflicts.ts';
import { userStore } from '../users/user-store.ts';
import { checkRegistrationFields, type FieldValues } from '../users/registration-fields.ts';
import type { VerificationMail } from './verification-mail.ts';

/**
 * Self sign-up. The answer never tells whether the address already had an account: a new account
 * and a refused one both get the same 202, after the same work (hashing the password, writing,
 * queueing a message). The owner of an existing account is told by email that someone tried, with
 * a reset link in case it was them.
 */
export interface SignUpInput {
  email: string;
  password: string;
  username?: string;
  mobile?: string;
  first_name?: string;
  middle_name?: string;
  last_name?: string;
  display_name?: string;
  fields?: FieldValues;
}

export interface SignUpDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  tokens: AccountTokens;
  users: AccountUsers;
  verificationMail: VerificationMail;
  mailer: AccountMailer;
  publicUrl: string;
  throttle: AccountThrottle;
}

const MINUTE_MS = 60_000;
/** The issue of a username that spells another address than the one signing up (the page says it in its own words). */
export const USERNAME_OTHER_ADDRESS = 'may be an email address only if it is the one signing up';

/** The issues a check refuses with (`user.invalid`), or none: so that every issue can be told at once. */
function issuesOf(check: () => unknown): ErrorDetail[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof AppError && error.code === 'user.invalid') return error.details;
    throw error;
  }
}

/**
 * Everything about a sign-up that can be refused before the password is hashed, told in one
 * answer: the identifiers' forms, the realm's `registration.username` and `.mobile` (one it does
 * not take, or one it needs and lacks) and its registration fields. Returns the fields' values.
 */
function checkSignUpInput(realm: Realm, input: SignUpInput): FieldValues {
  const issues = input.email.trim() === '' ? [{ field: 'email', issue: 'is required' }] : issuesOf(() => requireEmail(input.email));
  for (const field of ['username', 'mobile'] as const) {
    const use = realm.users.registration[field];
    const value = input[field];
    if (use === 'off' && value !== undefined) issues.push({ field, issue: 'is not taken at sign-up in this realm' });
    else if (use === 'required' && (value ?? '').trim() === '') issues.push({ field, issue: 'is required' });
    else if (value !== undefined) issues.push(...issuesOf(() => (field === 'username' ? requireUsername(value, realm.users.username_validation) : requireMobile(value))));
  }
  // A username may hold `@`; one that is an address must be the one signing up, or anyone could
  // name themselves after another person's address (src/users/user-store.ts, findForSignIn).
  if (input.username !== undefined && spellsAnotherAddress(input.username, input.email)) issues.push({ field: 'username', issue: USERNAME_OTHER_ADDRESS });
  let custom: FieldValues = {};
  issues.push(...issuesOf(() => (custom = checkRegistrationFields(realm.users.registration.fields, input.fields ?? {}, { complete: true }))));
  if (issues.length > 0) throw new AppError('user.invalid', `The sign-up is invalid: ${issues.map((d) => `${d.field} ${d.issue}`).join('; ')}.`, { details: issues });
  return custom;
}

export function createSignUp(deps: SignUpDeps) {
  const { db, clock, events, tokens, users, verificationMail, mailer, publicUrl } = deps;

  /** Someone tried to sign up with an address that has an account: tell its owner, with a way back in. */
  async function refuse(realm: Realm, email: string, origin: RequestOrigin, mayMail: boolean): Promise<void> {
    // The address's own account: another user that an identifier of that spelling resolves to is not told.
    const found = await users.findForSignIn(realm.id, email);
    const address = normalizeEmail(email);
    const existing = address !== undefined && found?.email === address ? { id: found.id, email: address } : undefined;
    const message = existing !== undefined && mayMail;
    await db.transaction().execute(async (trx) => {
      await events.record(trx, {
        realmId: realm.id,
        type: 'user.registration_refused',
        actor: { type: 'system', id: null },
        userId: existing?.id ?? null,
        origin,
        details: { reason: 'email_taken' },
      });
      if (!existing || !message) return;
      const issued = await tokens.issue(trx, realm.id, 'password_reset', existing.id, existing.email, realm.tokens.reset_token_minutes * MINUTE_MS);
      await mailer.enqueue(trx, {
        realm,
        type: 'registration_attempt',
        to: existing.email,
        userId: existing.id,
        variables: { link: accountLink(publicUrl, realm, 'reset_password', issued.token), expires_in_minutes: minutesUntil(issued.expiresAt, clock.now()) },
      });
    });
  }

  return {
    async register(realm: Realm, input: SignUpInput, origin: RequestOrigin): Promise<{ emailVerificationRequired: boolean }> {
      await deps.throttle.enforce(realm.id, 'sign_up', origin);
      if (!realm.users.registration.enabled) throw new AppError('registration.disabled', 'This realm does not let people sign up themselves.');
      const answer = { emailVerificationRequired: realm.users.registration.require_email_verification };
      const custom = checkSignUpInput(realm, input);
      const { fields: _fields, ...identity } = input;
      // A taken username or mobile number is told (they are not secrets) before anything else, so the
      // answer never depends on whether the address has an account, nor on which unique index the
      // database would check first; and every sign-up that names them does this same work.
      if (input.username !== undefined || input.mobile !== undefined) {
        const [first, ...more] = await userStore.heldIdentifiers(db, realm.id, input.username ?? null, input.mobile ?? null);
        if (first) throw identifiersTaken([first, ...more]);
      }
      // One count per address for whatever mail a sign-up sends, a verification or a note to the
      // address's owner: where addresses may repeat, every sign-up with one mailed it, without end
      // (found by review). Past the limit the sign-up is answered and done alike, and no mail goes.
      // Counted only once the password passed the policy (the account is made, or the address is
      // taken): sign-ups refused for their password must not use up the address's messages
      // (found by review: they silenced its owner's resets).
      // Decided outside the transaction: the limiter may be a round trip (Redis), which must not
      // hold the database's write lock (found by review).
      let mayMail = false;
      const decide = async () => {
        mayMail = await deps.throttle.mayMessage(realm.id, normalizeEmail(input.email) ?? input.email);
      };
      try {
        await users.create(
          realm,
          { ...identity, custom, user_type: 'human' },
          { type: 'user', id: null },
          origin,
          {
            signedUp: true,
            accepted: decide,
            event: 'user.signed_up',
            within: async (trx, user) => {
              if (user.email !== null && mayMail) await verificationMail.queue(trx, realm, { id: user.id, email: user.email });
            },
          },
        );
      } catch (error) {
        // A username or mobile number taken since the check above (a race) is told as it came.
        if (!(error instanceof AppError) || error.code !== 'user.email_taken') throw error;
        await refuse(realm, input.email, origin, mayMail);
      }
      mailer.wake();
      return answer;
    },
  };
}

export type SignUp = ReturnType<typeof createSignUp>;
