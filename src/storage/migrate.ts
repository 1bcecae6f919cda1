import { sql } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Database, DialectName } from './database.ts';
import { foundation } from './migrations/001_foundation.ts';
import { sessionRefresh } from './migrations/002_session_refresh.ts';
import { selfSignUp } from './migrations/003_self_sign_up.ts';
import { messages } from './migrations/004_messages.ts';
import { loginGuard } from './migrations/005_login_guard.ts';
import { signInFlows } from './migrations/006_sign_in_flows.ts';
import { userFactors } from './migrations/007_user_factors.ts';
import { webauthnCredentials } from './migrations/008_webauthn_credentials.ts';
import { sms } from './migrations/009_sms.ts';
import { refreshReuse } from './migrations/010_refresh_reuse.ts';
import { searchIndexes } from './migrations/011_search_indexes.ts';
import { applications } from './migrations/012_applications.ts';
import { oidc } from './migrations/013_oidc.ts';
import { oidcRefreshRetries } from './migrations/014_oidc_refresh_retries.ts';
import { roles } from './migrations/015_roles.ts';
import { tenants } from './migrations/016_tenants.ts';
import { apiKeys } from './migrations/017_api_keys.ts';
import { policies } from './migrations/018_policies.ts';
import { sessionTenantSince } from './migrations/019_session_tenant_since.ts';
import { identityProviders } from './migrations/020_identity_providers.ts';
import { sessionIdentityProvider } from './migrations/021_session_identity_provider.ts';
import { webhooks } from './migrations/022_webhooks.ts';
import { operatorApplications } from './migrations/023_operator_applications.ts';
import { realmOverview } from './migrations/024_realm_overview.ts';
import { userCountsIndex } from './migrations/025_user_counts_index.ts';

/** The versioned migrations, in order. Names never change once released. */
function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '001_foundation': foundation(dialect),
    '002_session_refresh': sessionRefresh(),
    '003_self_sign_up': selfSignUp(),
    '004_messages': messages(),
    '005_login_guard': loginGuard(),
    '006_sign_in_flows': signInFlows(dialect),
    '007_user_factors': userFactors(),
    '008_webauthn_credentials': webauthnCredentials(dialect),
    '009_sms': sms(),
    '010_refresh_reuse': refreshReuse(),
    '011_search_indexes': searchIndexes(dialect),
    '012_applications': applications(dialect),
    '013_oidc': oidc(dialect),
    '014_oidc_refresh_retries': oidcRefreshRetries(),
    '015_roles': roles(dialect),
    '016_tenants': tenants(dialect),
    '017_api_keys': apiKeys(dialect),
    '018_policies': policies(),
    '019_session_tenant_since': sessionTenantSince(),
    '020_identity_providers': identityProviders(dialect),
    '021_session_identity_provider': sessionIdentityProvider(),
    '022_webhooks': webhooks(dialect),
    '023_operator_applications': operatorApplications(dialect),
    '024_realm_overview': realmOverview(),
    '025_user_counts_index': userCountsIndex(),
  };
}

function migrator(database: Database): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => migrations(database.dialect) };
  // On PostgreSQL Kysely's migrator holds pg_advisory_xact_lock for the whole run, so two
  // instances starting together apply each migration once; SQLite serialises through its lock.
  // Migrations developed side by side may land out of number order (008 after 009); each is
  // independent, so a database that has the later one still takes the earlier one.
  return new Migrator({ db: database.db, provider, allowUnorderedMigrations: true });
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  const { error, results } = await migrator(database).migrateToLatest();
  if (error) throw error;
  await dropRetiredIndexes(database);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Indexes a migration has replaced: `users_overview` by `users_counts` (025). */
const RETIRED_INDEXES = ['users_overview'];

/**
 * Drops retired indexes once the migrations that replaced them have committed. On PostgreSQL
 * concurrently, so neither reads nor writes of the table wait for it — which no transaction may
 * do, and the migrator runs every migration in one. A drop is a no-op when done before; one that
 * a stopped start left undone (or invalid) is done by the next.
 */
async function dropRetiredIndexes(database: Database): Promise<void> {
  for (const name of RETIRED_INDEXES) {
    const concurrently = database.dialect === 'postgres' ? sql`concurrently ` : sql``;
    await sql`drop index ${concurrently}if exists ${sql.id(name)}`.execute(database.db);
  }
}

export async function pendingMigrations(database: Database): Promise<string[]> {
  const all = await migrator(database).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
