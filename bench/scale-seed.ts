/**
 * Bulk loading for the scale benchmark (bench/scale.ts): realms and users go in through the
 * stores' insertMany, a batch per transaction (multi-row VALUES), with the password hash made once
 * by the server's own hasher. Every realm gets a signing key row of its own id, all carrying one
 * sealed key made by the server: generating 100,000 key pairs would measure key generation, not
 * storage. Signing and verifying in the seeded realms still works (each realm's tokens name it).
 * At the end the planner statistics are refreshed, as an import does after many rows
 * (src/storage/planner-statistics.ts; timed apart from the load).
 */
import type { Kysely } from 'kysely';
import { newId } from '../src/platform/ids.ts';
import type { Realm } from '../src/realms/realm.ts';
import { initialEditable } from '../src/realms/realm-settings.ts';
import { realmStore } from '../src/realms/realm-store.ts';
import { refreshPlannerStatistics } from '../src/storage/planner-statistics.ts';
import type { Schema, SigningKeyRow } from '../src/storage/schema.ts';
import { userStore } from '../src/users/user-store.ts';
import type { UserWithSecret } from '../src/users/user.ts';

const REALM_BATCH = 1000;
// About 30 columns a user: 500 rows stay under SQLite's 32,766 bound parameters.
const USER_BATCH = 500;

export interface SeedPlan {
  realms: number;
  users: number;
  /** The users of the one large realm; the rest are spread over the other realms. */
  largeRealmUsers: number;
  passwordHash: string;
  keyTemplate: SigningKeyRow;
  now: number;
}

export interface Seeded {
  largeRealm: { id: string; slug: string };
  smallRealm: { id: string; slug: string };
  realmSlugs: string[];
  realms_per_second: number;
  users_per_second: number;
}

export const realmSlug = (n: number) => `scale-${String(n).padStart(6, '0')}`;
export const realmName = (n: number) => `Scale Realm ${String(n).padStart(6, '0')}`;
export const largeRealmEmail = (n: number) => `user${n}@large.example`;
export const smallRealmEmail = (realm: number, n: number) => `member${n}@r${realm}.example`;

function realmOf(n: number, now: number): Realm {
  const editable = initialEditable({ name: realmName(n), slug: realmSlug(n) });
  return { ...editable, id: newId('rl'), is_system: false, created_at: now + n, created_by: null, updated_at: now + n, updated_by: null, version: 1 };
}

function userOf(realmId: string, email: string, passwordHash: string, at: number): UserWithSecret {
  return {
    id: newId('usr'), realm_id: realmId, username: null, email, email_verified: true, mobile: null, mobile_verified: false,
    first_name: null, middle_name: null, last_name: null, display_name: email, state: 'active', locked: false, locked_reason: null,
    user_type: 'human', tags: [], custom: {}, access: null, access_token_minutes: null, has_password: true, signed_up: false,
    last_login_at: null, created_at: at, created_by: null, updated_at: at, updated_by: null, version: 1, password_hash: passwordHash,
  };
}

async function insertUsers(db: Kysely<Schema>, realm: Realm, emails: string[], plan: SeedPlan): Promise<void> {
  for (let i = 0; i < emails.length; i += USER_BATCH) {
    const users = emails.slice(i, i + USER_BATCH).map((email, j) => userOf(realm.id, email, plan.passwordHash, plan.now + i + j));
    await db.transaction().execute((trx) => userStore.insertMany(trx, realm.id, users, realm.users.require_unique_emails));
  }
}

export async function seed(db: Kysely<Schema>, plan: SeedPlan, log: (line: string) => void): Promise<Seeded> {
  const realms: Realm[] = [];
  const realmStart = performance.now();
  for (let first = 0; first < plan.realms; first += REALM_BATCH) {
    const batch = Array.from({ length: Math.min(REALM_BATCH, plan.realms - first) }, (_, i) => realmOf(first + i, plan.now));
    await db.transaction().execute(async (trx) => {
      await realmStore.insertMany(trx, batch);
      await trx.insertInto('signing_keys').values(batch.map((realm) => ({ ...plan.keyTemplate, id: newId('key'), realm_id: realm.id }))).execute();
    });
    realms.push(...batch);
    if ((first / REALM_BATCH) % 20 === 0) log(`  realms: ${first + batch.length}/${plan.realms}`);
  }
  const realmSeconds = (performance.now() - realmStart) / 1000;

  const userStart = performance.now();
  const [large, ...rest] = realms;
  await insertUsers(db, large!, Array.from({ length: plan.largeRealmUsers }, (_, n) => largeRealmEmail(n)), plan);
  log(`  users: ${plan.largeRealmUsers} in the large realm`);
  // The remaining users spread evenly (round-robin) over the other realms, a batch of realms at a time.
  const spread = plan.users - plan.largeRealmUsers;
  const perRealm = rest.length === 0 ? 0 : Math.floor(spread / rest.length);
  const extra = rest.length === 0 ? 0 : spread % rest.length;
  let pending: { realm: Realm; emails: string[] }[] = [];
  let pendingUsers = 0;
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      for (const { realm, emails } of pending) {
        const users = emails.map((email, j) => userOf(realm.id, email, plan.passwordHash, plan.now + j));
        await userStore.insertMany(trx, realm.id, users, realm.users.require_unique_emails);
      }
    });
    pending = [];
    pendingUsers = 0;
  };
  for (const [index, realm] of rest.entries()) {
    const count = perRealm + (index < extra ? 1 : 0);
    if (count === 0) continue;
    pending.push({ realm, emails: Array.from({ length: count }, (_, n) => smallRealmEmail(index + 1, n)) });
    pendingUsers += count;
    if (pendingUsers >= USER_BATCH * 4) await flush();
    if (index % 20_000 === 0) log(`  users: spreading, realm ${index + 1}/${rest.length}`);
  }
  if (pending.length > 0) await flush();
  const userSeconds = (performance.now() - userStart) / 1000;
  const analyseStart = performance.now();
  await refreshPlannerStatistics(db, ['realms', 'signing_keys', 'users', 'user_tags']);
  log(`  planner statistics refreshed in ${(performance.now() - analyseStart).toFixed(0)} ms`);

  const small = rest[0] ?? large!;
  return {
    largeRealm: { id: large!.id, slug: large!.slug },
    smallRealm: { id: small.id, slug: small.slug },
    realmSlugs: realms.map((realm) => realm.slug),
    realms_per_second: plan.realms / realmSeconds,
    users_per_second: plan.users / userSeconds,
  };
}
