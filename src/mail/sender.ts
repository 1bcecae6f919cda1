import type { Realm } from '../realms/realm.ts';
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

export function senderOf(realm: Realm, server: Mailbox): Mailbox {
  return {
    name: realm.email.from_name ?? server.name ?? realm.public_info.display_name ?? realm.name,
    address: realm.email.from_address ?? server.address,
  };
}
