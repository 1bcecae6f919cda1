import { AppError } from '../errors.ts';
import type { Realm } from '../realms/realm.ts';
import { normalizeEmail } from '../users/identifiers.ts';
import type { Mailbox } from './transports.ts';

/**
 * Who a realm's messages come from. The realm's `email.from_address` and `email.from_name` win;
 * else the server's `KEYREALM_MAIL_FROM` (unset: `no-reply@<host of KEYREALM_PUBLIC_URL>`); the
 * name, when neither gives one, is the realm's display name, so each realm's users see their app.
 */
export function serverSender(configured: Mailbox | undefined, publicUrl: string): Mailbox {
  if (configured) return configured;
  return { name: null, address: `no-reply@${new URL(publicUrl).hostname}` };
}

/**
 * Whether a realm may send from `address`: its domain is one of `domains` or below one (any, when
 * the server names none). A server whose realms are run by operators it does not fully trust names
 * its own domains, or one realm could send phishing in another's name from the server's relay.
 */
export function mayRealmSendFrom(address: string, domains: readonly string[] | undefined): boolean {
  if (domains === undefined) return true;
  // Only an address as strict as a user's: its domain is then what a mail library reads it as.
  const normal = normalizeEmail(address);
  if (normal === undefined || normal !== address.toLowerCase()) return false;
  const domain = normal.slice(normal.lastIndexOf('@') + 1);
  return domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}

/** Refuses a realm's `email.from_address` outside the server's sender domains (400 realm.invalid_settings). */
export function requireSenderDomain(address: string | null, domains: readonly string[] | undefined): void {
  if (address === null || mayRealmSendFrom(address, domains)) return;
  const issue = `must be on ${domains!.join(', ')} (or a subdomain): the domains this server sends from (KEYREALM_MAIL_SENDER_DOMAINS)`;
  throw new AppError('realm.invalid_settings', `The realm is invalid: email.from_address ${issue}.`, { details: [{ field: 'email.from_address', issue }] });
}

/** `domains`: KEYREALM_MAIL_SENDER_DOMAINS; a realm address saved before they were set, and outside them, gives way to the server's. */
export function senderOf(realm: Realm, server: Mailbox, domains?: readonly string[]): Mailbox {
  const own = realm.email.from_address;
  return {
    name: realm.email.from_name ?? server.name ?? realm.public_info.display_name ?? realm.name,
    address: own !== null && mayRealmSendFrom(own, domains) ? own : server.address,
  };
}
