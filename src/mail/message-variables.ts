import type { Kysely } from 'kysely';
import type { Realm } from '../realms/realm.ts';
import { oneLine } from '../platform/display-text.ts';
import { readBool } from '../storage/codec.ts';
import type { Schema } from '../storage/schema.ts';
import { messageTypes, typeVariables, type MessageType, type TypeVariable, type VariableSpec } from './message-types.ts';
import type { Variables } from './templates.ts';

/**
 * Completes the variables a caller gives for a message: the common ones (realm, recipient, year),
 * the derived ones (`expires_in` from `expires_in_minutes`) and times in words. A caller passing a
 * variable the type does not declare, or leaving one out, is a programming error and throws.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatTime(value: string | number): string {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new Error(`not a time: ${String(value)}`);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()} at ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "45 minutes", "1 hour", "24 hours", "3 days". */
export function formatDuration(minutes: number): string {
  if (minutes % 1440 === 0 && minutes > 2880) return plural(minutes / 1440, 'day');
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

export interface Recipient {
  email: string;
  /** How the message greets them; the address when null. */
  name: string | null;
}

export function completeVariables(type: MessageType, realm: Realm, recipient: Recipient, now: number, given: Variables): Variables {
  const declared: readonly TypeVariable[] = messageTypes[type].variables;
  const unknown = Object.keys(given).filter((name) => !declared.includes(name as TypeVariable) || isDerived(name as TypeVariable));
  const missing = declared.filter((name) => !isDerived(name) && !Object.hasOwn(given, name));
  if (unknown.length > 0 || missing.length > 0) {
    throw new Error(`message ${type}: ${[...unknown.map((n) => `unknown variable ${n}`), ...missing.map((n) => `missing variable ${n}`)].join(', ')}`);
  }
  const values: Variables = {};
  for (const name of declared) {
    if (isDerived(name)) continue;
    const spec: VariableSpec = typeVariables[name];
    values[name] = spec.time ? formatTime(given[name]) : given[name];
  }
  if (declared.includes('expires_in')) values.expires_in = formatDuration(Number(given.expires_in_minutes));
  return {
    realm_name: realm.name,
    realm_display_name: realm.public_info.display_name ?? realm.name,
    user_email: recipient.email,
    user_name: recipient.name ?? recipient.email,
    logo_url: realm.public_info.logo_url ?? '',
    year: new Date(now).getUTCFullYear(),
    ...values,
  };
}

function isDerived(name: TypeVariable): boolean {
  const spec: VariableSpec = typeVariables[name];
  return spec.derived === true;
}

/**
 * The user's name as messages greet them, read in the transaction that queues the message; null
 * (greeted by their address) unless the message goes to the address or number the user proved.
 * Anyone can sign up with another person's address and a name of their choosing ("Your account is
 * suspended, call …"): that name must not be what a stranger's inbox is greeted with (found by review).
 */
export async function userNameOf(trx: Kysely<Schema>, realmId: string, userId: string, sentTo: string): Promise<string | null> {
  const row = await trx
    .selectFrom('users')
    .select(['display_name', 'first_name', 'last_name', 'email', 'email_verified', 'mobile', 'mobile_verified'])
    .where('realm_id', '=', realmId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  const proven = (row.email === sentTo && readBool(row.email_verified)) || (row.mobile === sentTo && readBool(row.mobile_verified));
  if (!proven) return null;
  // One line whatever is stored: names from before they were checked may hold line breaks, which
  // would write paragraphs of their own into the message's plain-text part.
  const [display, first, last] = [row.display_name, row.first_name, row.last_name].map((name) => (name === null ? '' : oneLine(name)));
  return display || [first, last].filter((part) => part !== '').join(' ') || null;
}
