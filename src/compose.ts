/**
 * The composition root: the one place that builds every service and route tree and wires them
 * together, passing each only what it needs. main.ts and the test harness both start here.
 */
import type { Kysely } from 'kysely';
import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { createAccountThrottle } from './accounts/account-throttle.ts';
import { createValidationStateCache } from './auth/validation-state.ts';
import { createLocalInvalidationBus, type InvalidationBus } from './platform/invalidation-bus.ts';
import { createClusterInvalidationBus } from './platform/invalidation-bus-cluster.ts';
import { createAccountTokens } from './accounts/account-tokens.ts';
import { createEmailVerification } from './accounts/email-verification.ts';
import { createForgetAccessBeforeProof } from './accounts/access-before-proof.ts';
import { createInboxProof } from './accounts/inbox-proof.ts';
import { createPasswordReset } from './accounts/password-reset.ts';
import { forgetRealmInGrants } from './operators/forget-realm-grants.ts';
import { createSignUp } from './accounts/sign-up.ts';
import { createVerificationMail } from './accounts/verification-mail.ts';
import { createOperatorAuthenticator } from './auth/operator-authenticator.ts';
import { createAuthService } from './auth/auth-service.ts';
import { identifierHashing } from './auth/identifier-hash.ts';
import { createPasswordMethod } from './auth/methods/password.ts';
import { limitPasswordChanges } from './auth/password-change-limit.ts';
import { createRateLimiter } from './auth/rate-limiter.ts';
import { clearFailuresOnUnlock, createLockoutAdmin } from './auth/lockout.ts';
import { createDatabaseFailureStore } from './auth/login-failure-store.ts';
import { BRUTE_FORCE_LOCK_REASON, createLoginGuard } from './auth/login-guard.ts';
import { createRedisFailureStore } from './auth/redis-failure-store.ts';
import type { Config } from './config/options.ts';
import { createEventLog } from './events/event-log.ts';
import { createEventStreams } from './events/event-streams.ts';
import { composeSignIn } from './compose-sign-in.ts';
import { composeApiKeys, composeDecisions } from './compose-authorization.ts';
import { buildApp } from './http/app.ts';
import { routeTable } from './http/route-table.ts';
import { createMetrics } from './http/metrics.ts';
import { clientIpResolver } from './http/client-ip.ts';
import { inFront, type RequestHandler } from './http/front.ts';
import { hotRoutes } from './http/hot-routes.ts';
import { oidcFront } from './http/oidc-front.ts';
import { validateAnswer } from './http/validate-answer.ts';
import { createMailWorker, type MailWorker } from './mail/mail-worker.ts';
import { createDeliveryWorker, type DeliveryWorker } from './webhooks/delivery-worker.ts';
import { deliveryStore } from './webhooks/delivery-store.ts';
import { createWebhookOutbox } from './webhooks/outbox.ts';
import { createWebhookService } from './webhooks/webhook-service.ts';
import { createMessageQueue } from './mail/message-queue.ts';
import { createFactorVerifier } from './mfa/factor-verifier.ts';
import { createMfaService } from './mfa/mfa-service.ts';
import { passkeyStore } from './passkeys/passkey-store.ts';
import { createPasskeyService } from './passkeys/passkey-service.ts';
import { recoveryCodeKey } from './mfa/recovery-codes.ts';
import { createMessageService } from './mail/message-service.ts';
import { requireSenderDomain, serverSender } from './mail/sender.ts';
import { createTemplateService } from './mail/template-service.ts';
import { createMailTransport } from './mail/transports.ts';
import { smsReach } from './sms/sms-countries.ts';
import { createSmsQueue } from './sms/sms-queue.ts';
import { createSmsSender } from './sms/sms-settings.ts';
import { createOperatorService } from './operators/operator-service.ts';
import { createRealmOverview } from './realms/realm-overview.ts';
import { createOperatorApplications } from './operators/operator-applications.ts';
import { createClientCredentialsVerifier } from './oidc/client-credentials-validation.ts';
import { keepSuperadmin } from './operators/superadmin-guard.ts';
import { forgetCredentialsOfDeleted } from './accounts/forget-credentials.ts';
import { CONSOLE_CLIENT_ID, consoleSettings } from './console/console-application.ts';
import { createApplicationService } from './applications/application-service.ts';
import { createBrowserOrigins } from './applications/browser-origins.ts';
import { createRoleAssignments } from './authorization/role-assignments.ts';
import { createRoleResolver } from './authorization/role-resolver.ts';
import { createRoleService } from './authorization/role-service.ts';
import { createIdentityService } from './identity-providers/identity-service.ts';
import { createIdpSignIn } from './identity-providers/idp-sign-in.ts';
import { createProviderService } from './identity-providers/provider-service.ts';
import { withRoles } from './authorization/role-validation.ts';
import { createTenantPolicy } from './authorization/tenant-policy.ts';
import { createTenantService } from './authorization/tenant-service.ts';
import { createBreachedPasswordCheck } from './passwords/breached-passwords.ts';
import { createPasswordPolicy } from './passwords/password-policy.ts';
import { createBackground } from './platform/background.ts';
import { createHousekeeping, type Housekeeping } from './storage/housekeeping.ts';
import { createBackchannelNotices } from './oidc/backchannel-notices.ts';
import type { Clock } from './platform/clock.ts';
import { createOidc } from './oidc/oidc-service.ts';
import { withOidcAccessTokens } from './oidc/oidc-validation.ts';
import { hostedProviderPages } from './pages/provider-pages.ts';
import { createPageSecurity } from './pages/page-security.ts';
import { createHealthCheck } from './platform/health.ts';
import { droppedLogLines } from './platform/log-destination.ts';
import type { Logger } from './platform/logger.ts';
import { createHashingScheduler, defaultHashingLimits } from './platform/hashing-scheduler.ts';
import { createPasswordHasher } from './platform/passwords.ts';
import { createSecretBox } from './platform/secret-box.ts';
import { purposeKey } from './platform/master-key.ts';
import { createKeyRing } from './realms/key-ring.ts';
import { createRealmLookup } from './realms/realm-lookup.ts';
import { createRealmService } from './realms/realm-service.ts';
import { requirePasskeysOnPublicUrl } from './realms/realm-setting-checks.ts';
import { ADMIN_REALM_SLUG, type Realm } from './realms/realm.ts';
import { resolveRealm } from './realms/resolve-realm.ts';
import type { Database } from './storage/database.ts';
import type { Schema } from './storage/schema.ts';
import { pendingMigrations } from './storage/migrate.ts';
import { createAccessTokens } from './tokens/access-tokens.ts';
import { createRefreshTokens, refreshTokenMacKey } from './tokens/refresh-tokens.ts';
import { createUserService } from './users/user-service.ts';
import type { NewUserDeps } from './users/new-user.ts';
import { createBulkUserWriter } from './portability/bulk-user-writer.ts';

// Read beside src/ or dist/ alike (both sit one level below package.json); a JSON import would pull
// package.json into the compiled output.
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Runtime {
  /** Opened and migrated by the caller, who also closes it. */
  database: Database;
  clock: Clock;
  logger: Logger;
  /** 32 bytes; seals signing keys at rest, and refresh-token macs are keyed from it. */
  masterKey: Buffer;
  /** Shared rate-limit counters across instances; in process when absent. */
  redis?: Redis;
  /**
   * How revocations reach every process's caches. When absent: PostgreSQL LISTEN/NOTIFY if the
   * configuration names a PostgreSQL database (composeServer), else cluster IPC in a worker, else in process.
   */
  invalidation?: InvalidationBus;
}

/** How many validate states each process keeps, and for how long at most should an invalidation be missed. */
const VALIDATION_CACHE = { capacity: 10_000, ttlMs: 10_000 };

function defaultInvalidationBus(): InvalidationBus {
  // A cluster's primary relays its workers' messages (src/cli/cluster-primary.ts).
  return cluster.isWorker ? createClusterInvalidationBus() : createLocalInvalidationBus();
}

/** Every service, without HTTP (composeServer adds the routes; tests use both). */
export function composeServices(config: Config, runtime: Runtime) {
  const { database, clock, logger } = runtime;
  const { db } = database;
  const invalidation = runtime.invalidation ?? defaultInvalidationBus();
  // Webhooks (src/webhooks): every event is queued, in its own transaction, for the realm's webhooks that want it.
  const webhookOutbox = createWebhookOutbox({ clock, listening: () => invalidation.connected });
  const events = createEventLog(clock, webhookOutbox);
  const webhookDeliveries = deliveryStore(database.dialect);
  const webhooks = createWebhookService({
    db,
    clock,
    events,
    secretBox: createSecretBox(runtime.masterKey),
    deliveries: webhookDeliveries,
    invalidation,
    allowLoopback: config.webhooksAllowLoopback,
    queued: webhookOutbox.queued,
  });
  // Live tails of the log (GET …/events/stream), polled by position; their route ends them as the app closes.
  const eventStreams = createEventStreams({
    db,
    clock,
    events,
    logger,
    settings: { pollMs: config.eventStreamPollMs, settleMs: config.eventStreamSettleMs, heartbeatMs: config.eventStreamHeartbeatMs, perToken: config.eventStreamsPerToken, perInstance: config.eventStreamsPerInstance },
  });
  // Every password hash and check takes turns between realms here (docs/password-hashes.md#fair-hashing).
  const hashing = createHashingScheduler(defaultHashingLimits(config.hashingQueuePerRealm));
  const hasher = createPasswordHasher({ memoryKib: config.argon2MemoryKib, passes: config.argon2Passes, parallelism: config.argon2Parallelism }, hashing);
  const metrics = createMetrics(database.poolStats, droppedLogLines);
  const lookup = createRealmLookup(db, clock);
  const validationStates = createValidationStateCache({ ...VALIDATION_CACHE, now: () => clock.now(), listening: () => invalidation.connected });
  // Outgoing mail: queued in the transaction of the change that causes it (`mailQueue.enqueue`, then
  // `mailQueue.wake()` after the commit) and sent by the mail worker that composeServer starts.
  const mailSecrets = createSecretBox(runtime.masterKey);
  const mailQueue = createMessageQueue({ clock, secretBox: mailSecrets });
  const mailTemplates = createTemplateService({ db, clock, events });
  const mailMessages = createMessageService({ db, clock, secretBox: mailSecrets });
  // SMS share that queue and worker (channel `sms`): `smsQueue.enqueue` in the transaction, then `wake()`.
  // Where SMS may go: sign-in offers and sends codes only to numbers within it (src/sms/sms-countries.ts).
  const smsReaches = smsReach(config.smsCountries);
  const smsQueue = createSmsQueue({ clock, secretBox: mailSecrets, wake: () => mailQueue.wake() });
  const keys = createKeyRing({ db, clock, secretBox: createSecretBox(runtime.masterKey) });
  // Roles (src/authorization): effective roles for tokens and validate come from a per-process
  // cache the invalidation bus clears; new users get the realm's default roles as they are created.
  const roleResolver = createRoleResolver(db, { ...VALIDATION_CACHE, now: () => clock.now(), listening: () => invalidation.connected });
  const roles = createRoleService({ db, dialect: database.dialect, clock, events, invalidation });
  const roleAssignments = createRoleAssignments({ db, clock, events, invalidation });
  // Tenants (organisations) and the realm's tenant_policy: where new users are placed, which tenant a sign-in is in.
  const tenants = createTenantService({ db, clock, events, invalidation });
  // Identity providers' secrets (client secrets, private keys) are sealed under the master key.
  const identityProviders = createProviderService({ db, clock, events, secrets: createSecretBox(runtime.masterKey), invalidation });
  const tenantPolicy = createTenantPolicy({ db, tenants, events, invalidation, now: () => clock.now() });
  // Settings that name other things of the realm: default roles, the `selected` tenant; and the
  // passkey settings with what the server's public URL fills in.
  const checkRealmReferences = async (trx: Kysely<Schema>, realm: Realm, changed?: readonly string[]) => {
    const changes = (group: string) => changed === undefined || changed.some((field) => field === group || field.startsWith(`${group}.`));
    if (changes('passkeys')) requirePasskeysOnPublicUrl(realm.passkeys, config.publicUrl);
    if (changes('email.from_address')) requireSenderDomain(realm.email.from_address, config.mailSenderDomains);
    await roleAssignments.checkDefaultRoles(trx, realm);
    await tenantPolicy.checkRealmPolicy(trx, realm);
  };
  const realms = createRealmService({
    db,
    clock,
    events,
    keys,
    lookup,
    dialect: database.dialect,
    maxRealms: config.maxRealms,
    invalidation,
    checkReferences: checkRealmReferences,
    forgetDeleted: forgetRealmInGrants,
    onBackgroundError: (error) => logger.error({ err: error }, 'a background realm task failed'),
  });
  // Which new passwords a realm accepts; the breach check (when a realm enables it) logs only why it could not ask.
  const passwordPolicy = createPasswordPolicy({
    breachedCheck: createBreachedPasswordCheck({
      allowInsecure: config.allowInsecureUpstreams,
      onUnavailable: (problem) => logger.warn(problem, 'the breached-password range API could not be asked'),
    }),
  });
  // Single-use links of account emails; a new, unverified address gets one in the change's transaction.
  const accountTokens = createAccountTokens({ clock });
  const verificationMail = createVerificationMail({ clock, tokens: accountTokens, mailer: mailQueue, publicUrl: config.publicUrl });
  // In a new user's transaction: the realm's default roles, and the tenant its tenant_policy places them in.
  const afterUserInsert: NewUserDeps['afterInsert'] = async (trx, realm, userId, actor, origin) => {
    await roleAssignments.assignDefaults(trx, realm, userId, actor);
    await tenantPolicy.placeNewUser(trx, realm, userId, actor, origin);
  };
  // Before the new user's row: the locks placing them takes, so concurrent creations queue.
  const beforeUserInsert: NewUserDeps['beforeInsert'] = (trx, realm) => tenantPolicy.beforeNewUser(trx, realm);
  // Operators are admin-realm users: every change of one checks the superadmin rule in its transaction.
  const users = createUserService({
    db,
    clock,
    events,
    hasher,
    passwordPolicy,
    // Refuse changes that would leave no superadmin; drop a deleted user's credentials with them.
    beforeChange: async (trx, realm, change) => {
      await keepSuperadmin(trx, realm, change);
      await forgetCredentialsOfDeleted(trx, realm, change);
    },
    onNewUnverifiedEmail: (trx, realm, user) => verificationMail.queue(trx, realm, user),
    invalidation,
    beforeInsert: beforeUserInsert,
    afterInsert: afterUserInsert,
  });
  // Imports of pre-hashed users a batch at a time (src/portability): streamed files, realm imports.
  const bulkUsers = createBulkUserWriter({ db, clock, events, beforeInsert: beforeUserInsert, afterInsert: afterUserInsert, logger });
  // Whole realms out and in (src/portability): secrets re-sealed between the master key and an export's passphrase.
  const portabilitySecrets = createSecretBox(runtime.masterKey);
  const realmPortability = {
    exporter: { db, clock, secrets: portabilitySecrets, events, hashing },
    importer: { db, dialect: database.dialect, clock, events, secrets: portabilitySecrets, hashing, keys, writer: bulkUsers, invalidation, maxRealms: config.maxRealms, checkReferences: checkRealmReferences, forgetDeleted: forgetRealmInGrants },
  };
  // Failed sign-ins per account: in Redis when configured (shared by every instance), else in the database.
  const failureStore = runtime.redis ? createRedisFailureStore({ redis: runtime.redis }) : createDatabaseFailureStore(db);
  const guard = createLoginGuard({ db, clock, events, store: failureStore, users });
  // An operator's unlock (of a user, or of an operator through PATCH) also forgets the failed sign-ins.
  const adminUsers = clearFailuresOnUnlock(users, guard);
  const lockout = createLockoutAdmin({ users, guard });
  const operators = createOperatorService({ db, events, users: adminUsers, lookup, systemRealm: () => resolveRealm(lookup, ADMIN_REALM_SLUG) });
  // The admin console's realm dashboard (GET …/overview): counts over indexes, the newest events.
  const realmOverview = createRealmOverview({ db, clock, events });
  const rateLimiter = createRateLimiter({ clock, redis: runtime.redis });
  const accessTokens = createAccessTokens({ keys, publicUrl: config.publicUrl, clock, roles: roleResolver });
  const identifierHash = identifierHashing(runtime.masterKey);
  const auth = createAuthService({
    db,
    clock,
    events,
    users,
    methods: { password: createPasswordMethod({ users, hasher, warn: (details, message) => logger.warn(details, message) }) },
    accessTokens,
    refreshTokens: createRefreshTokens({ clock, events, macKey: refreshTokenMacKey(runtime.masterKey) }),
    rateLimiter,
    guard,
    identifierHash,
    limits: {
      enabled: config.rateLimits,
      loginPerIp: config.rateLimitLoginPerIp,
      operatorLoginPerIp: config.rateLimitOperatorLoginPerIp,
      loginPerIdentifier: config.rateLimitLoginPerIdentifier,
      refreshPerIp: config.rateLimitRefreshPerIp,
    },
    metrics,
    validationStates,
    invalidation,
    tenants: tenantPolicy,
    // The verifier is made below (API keys need the access-token signer); asked only once requests come.
    apiKeyStands: (realm, keyId, userId) => apiKeyVerifier.stands(realm, keyId, userId),
  });
  // API keys (src/api-keys) and, below, policy decisions: src/compose-authorization.ts.
  const { lastUse: apiKeyLastUse, verifier: apiKeyVerifier, service: apiKeys } = composeApiKeys({
    db,
    clock,
    events,
    invalidation,
    cache: VALIDATION_CACHE,
    masterKey: runtime.masterKey,
    logger,
    users,
    rateLimiter,
    limits: { enabled: config.rateLimits, createPerOwnerPerMinute: config.rateLimitApiKeyCreatePerOwner },
    accessTokens,
  });
  // Applications (OAuth clients) of each realm, and each realm's OpenID Connect provider (src/oidc),
  // which reads them; applications tell the provider what to end when they or a consent change.
  const applications = createApplicationService({
    db,
    clock,
    events,
    ownClientIds: new Set([CONSOLE_CLIENT_ID]),
    grants: {
      endForUser: (realmId, applicationId, userId) => oidc.grantsEnder.endForUser(realmId, applicationId, userId),
      endForApplication: (realmId, applicationId) => oidc.grantsEnder.endForApplication(realmId, applicationId),
      applicationChanged: (realmId, applicationId) => oidc.grantsEnder.applicationChanged(realmId, applicationId),
    },
  });
  // Which origins may call each realm's API from a browser: its SPA applications' (src/http/browser-cors.ts).
  const browserOrigins = createBrowserOrigins({ db, clock });
  // The hosted pages' CSRF fields are keyed from the master key (src/pages/page-security.ts).
  const pageSecurity = createPageSecurity(purposeKey(runtime.masterKey, 'keyrealm hosted pages'), config.publicUrl);
  const oidc = createOidc({
    db,
    clock,
    events,
    logger,
    keys,
    applications,
    users,
    publicUrl: config.publicUrl,
    masterKey: runtime.masterKey,
    pages: hostedProviderPages,
    invalidation,
    roles: roleResolver,
    tenants: tenantPolicy,
    ownOperatorClients: [{ clientId: CONSOLE_CLIENT_ID, redirectUris: consoleSettings(config.publicUrl).redirect_uris }],
    // A user code typed at the device page is a sign-in attempt: the per-IP sign-in limit applies.
    ...(config.rateLimits ? { deviceCodes: { limiter: rateLimiter, perIpPerMinute: config.rateLimitLoginPerIp } } : {}),
  });
  // Applications hear of sessions that end outside the provider's own logout (back-channel logout).
  const backchannel = createBackchannelNotices({ db, lookup, providerFor: oidc.providerFor, logger });
  // Every process drops what a revocation or change made stale, wherever it happened.
  invalidation.subscribe((notice) => {
    validationStates.invalidate(notice);
    roleResolver.invalidate(notice);
    apiKeyVerifier.invalidate(notice);
    if (notice === 'all') {
      keys.clear();
      accessTokens.forgetVerified();
      oidc.clear();
      browserOrigins.clear();
      webhookOutbox.clear();
      return;
    }
    if (notice.userId === undefined && notice.sessionId === undefined) {
      lookup.invalidate(notice.realmId);
      keys.invalidate(notice.realmId);
      accessTokens.forgetVerified(notice.realmId);
      oidc.invalidate(notice.realmId);
      browserOrigins.forget(notice.realmId);
      webhookOutbox.forget(notice.realmId);
    }
    // After the realm's cached copy is dropped: a realm switched off is read as such.
    void backchannel.heard(notice).catch((error: unknown) => logger.warn({ err: error }, 'back-channel logout could not be sent'));
  });
  // The signed-in user's own account routes: a password change's wrong current password counts as a
  // failed sign-in (the brute-force guard), and changes are limited per user.
  const accountUsers = limitPasswordChanges(users, {
    guard,
    ...(config.rateLimits ? { rateLimit: { rateLimiter, perUserPerMinute: config.rateLimitPasswordChangePerUser } } : {}),
  });
  // The admin API takes an operator's token (the admin realm's own or its provider's) or an operator
  // application's client-credentials token (src/operators/operator-applications.ts).
  const oidcValidator = withOidcAccessTokens(auth, { db, keys, users, publicUrl: config.publicUrl, clock, recordId: oidc.recordId });
  const operatorApplications = createOperatorApplications({
    db,
    clock,
    events,
    lookup,
    applications,
    endTokens: (realmId, clientId) => oidc.grantsEnder.endForApplication(realmId, clientId),
    systemRealm: () => resolveRealm(lookup, ADMIN_REALM_SLUG),
  });
  const authenticate = createOperatorAuthenticator({
    lookup,
    validator: oidcValidator,
    operators,
    publicUrl: config.publicUrl,
    clientCredentials: createClientCredentialsVerifier({ db, keys, applications, publicUrl: config.publicUrl, clock, recordId: oidc.recordId }),
    operatorApplications,
  });
  // Sign-up, verification and recovery: work for addresses that may have no account runs after the answer.
  const background = createBackground(logger);
  const throttle = createAccountThrottle({
    rateLimiter,
    identifierHash,
    limits: {
      enabled: config.rateLimits,
      signUpPerIp: config.rateLimitSignUpPerIp,
      recoveryPerIp: config.rateLimitRecoveryPerIp,
      recoveryPerAddress: config.rateLimitRecoveryPerAddress,
      recoveryPerAddressHour: config.rateLimitRecoveryPerAddressHour,
      tokenPerIp: config.rateLimitTokenPerIp,
    },
  });
  const accountFlowDeps = { db, clock, events, tokens: accountTokens, users, mailer: mailQueue, publicUrl: config.publicUrl, background, throttle };
  const signUp = createSignUp({ ...accountFlowDeps, verificationMail });
  const verification = createEmailVerification({ ...accountFlowDeps, verificationMail });
  // The first proof of an address never proven (a reset, or a sign-in by emailed code or link) takes away what was set up before it.
  const forgetAccessBeforeProof = createForgetAccessBeforeProof(events);
  const passwordReset = createPasswordReset({ ...accountFlowDeps, clearFailures: guard.clear, bruteForceLockReason: BRUTE_FORCE_LOCK_REASON, forgetAccessBeforeProof });
  // Second factors (src/mfa): TOTP/HOTP seeds sealed under the master key, recovery codes hashed with a key derived from it.
  // `mfaVerifier` checks codes for the flow engine (`otpFlowFactors(mfaVerifier)` in src/mfa/flow-factors.ts).
  const mfaDeps = { db, clock, events, secretBox: createSecretBox(runtime.masterKey), recoveryKey: recoveryCodeKey(runtime.masterKey) };
  const mfaVerifier = createFactorVerifier({ ...mfaDeps, mailQueue });
  // Passkeys (src/passkeys): registration for signed-in users; `passkeyFlowFactors(passkeys)` (src/passkeys/flow-factors.ts) plugs them into the flow engine.
  const passkeys = createPasskeyService({ db, clock, events, publicUrl: config.publicUrl, users });
  const mfa = createMfaService({
    ...mfaDeps,
    guard,
    verifier: mfaVerifier,
    users,
    rateLimiter,
    limits: { enabled: config.rateLimits, checkPerUser: config.rateLimitMfaCheckPerUser },
    // While passkeys remain, removing the last TOTP/HOTP factor keeps the recovery codes.
    otherFactorCount: (trx, realmId, userId) => passkeyStore.countForUser(trx, realmId, userId),
  });
  // Sign-in flows: every method runs through one engine (src/compose-sign-in.ts wires it).
  const signIn = composeSignIn({ db, clock, events, masterKey: runtime.masterKey, publicUrl: config.publicUrl, auth, users, guard, hasher, accessTokens, mfaVerifier, mfa, passkeys, mailQueue, smsQueue, background, throttle, identifierHash, inboxProof: createInboxProof({ users, forgetAccessBeforeProof }), smsReaches });
  // Sign-in through the realm's identity providers: its own per-IP limit at the password's rate.
  const idpSignIn = createIdpSignIn({
    db,
    clock,
    events,
    secrets: createSecretBox(runtime.masterKey),
    users,
    roles: roleAssignments,
    flows: signIn.flows,
    flowStore: signIn.flowStore,
    auth,
    guard,
    rateLimiter,
    limits: { enabled: config.rateLimits, perIpPerMinute: config.rateLimitLoginPerIp },
    publicUrl: config.publicUrl,
    allowInsecureUpstreams: config.allowInsecureUpstreams,
  });
  const linkedIdentities = createIdentityService({ db, clock, events, smsReaches });
  const health = createHealthCheck({
    version: VERSION,
    ping: database.ping,
    pendingMigrations: () => pendingMigrations(database),
  });
  // Validate (GET /realms/{realm}/auth/validate) also accepts the provider's access tokens.
  // Its answer carries the user's roles in force now.
  const validateWithOidc = withRoles(oidcValidator, roleResolver);
  const { policies, decisions } = composeDecisions({ db, clock, events, invalidation, logger, cache: VALIDATION_CACHE, validator: validateWithOidc, roles: roleResolver, apiKeys: apiKeyVerifier });
  return {
    invalidation,
    events,
    eventStreams,
    webhooks,
    bulkUsers,
    realmPortability,
    webhookOutbox,
    webhookDeliveries,
    hashing,
    lookup,
    keys,
    realms,
    users,
    adminUsers,
    accountUsers,
    operators,
    operatorApplications,
    realmOverview,
    auth,
    guard,
    lockout,
    authenticate,
    metrics,
    health,
    mailQueue,
    mailTemplates,
    mailMessages,
    smsQueue,
    signUp,
    verification,
    passwordReset,
    background,
    ...signIn,
    mfa,
    mfaVerifier,
    passkeys,
    oidc,
    validateWithOidc,
    roles,
    roleAssignments,
    applications,
    tenants,
    identityProviders,
    idpSignIn,
    browserOrigins,
    linkedIdentities,
    policies,
    decisions,
    apiKeys,
    apiKeyVerifier,
    apiKeyLastUse,
    pageSecurity,
    rateLimiter,
  };
}

export type Services = ReturnType<typeof composeServices>;

export interface Server {
  app: FastifyInstance;
  /** Answers a request from a server of the caller's own (the OpenID Connect endpoints first, then Fastify). */
  handle: RequestHandler;
  services: Services;
  /** Sends queued mail in this process; stopped by close(). */
  mailWorker: MailWorker;
  /** Sends queued webhook deliveries in this process; stopped by close(). */
  webhookWorker: DeliveryWorker;
  /** Deletes expired flows and link tokens on a timer; stopped by close(). */
  housekeeping: Housekeeping;
  /** Stops accepting and waits for in-flight requests; the database and Redis stay the caller's. */
  close(): Promise<void>;
}

export async function composeServer(config: Config, given: Runtime): Promise<Server> {
  // Instances on one PostgreSQL database hear each other's revocations through it (its driver is
  // imported here, so a server on SQLite never loads it).
  const ownBus =
    given.invalidation === undefined && given.database.dialect === 'postgres' && config.databaseUrl
      ? await (await import('./platform/invalidation-bus-postgres.ts')).createPostgresInvalidationBus({ url: config.databaseUrl, onError: (error) => given.logger.warn({ err: error }, 'the invalidation listener lost its database connection') })
      : undefined;
  const runtime: Runtime = ownBus ? { ...given, invalidation: ownBus } : given;
  const services = composeServices(config, runtime);
  const { metrics, events } = services;
  const db = runtime.database.db;
  const clientIp = clientIpResolver(config.trustProxy);
  let closing = false;
  const front = inFront(
    [
      hotRoutes({
        health: services.health,
        validate: validateAnswer({ lookup: services.lookup, validator: services.validateWithOidc, apiKeys: services.apiKeyVerifier }),
        logger: runtime.logger,
        metrics,
        clientIp,
      }),
      oidcFront({ lookup: services.lookup, oidc: services.oidc, logger: runtime.logger, metrics, clientIp }),
    ],
    () => closing,
  );
  const app = await buildApp({
    logger: runtime.logger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    metrics,
    version: VERSION,
    routes: routeTable(services, db, config.publicUrl),
    front,
  });
  const mailWorker = createMailWorker({
    db,
    clock: runtime.clock,
    logger: runtime.logger,
    events,
    secretBox: createSecretBox(runtime.masterKey),
    templates: services.mailTemplates,
    realms: services.lookup,
    transport: createMailTransport(config, runtime.logger),
    sender: serverSender(config.mailFrom, config.publicUrl),
    senderDomains: config.mailSenderDomains,
    sms: createSmsSender(config, runtime.logger),
    pollMs: config.mailPollMs,
  });
  const stopWaking = services.mailQueue.onWake(mailWorker.wake);
  mailWorker.start();
  const webhookWorker = createDeliveryWorker({
    db,
    store: services.webhookDeliveries,
    clock: runtime.clock,
    logger: runtime.logger,
    events,
    secretBox: createSecretBox(runtime.masterKey),
    invalidation: services.invalidation,
    allowLoopback: config.webhooksAllowLoopback,
    pollMs: config.webhookPollMs,
  });
  const stopWebhookWaking = services.webhookOutbox.onQueued(webhookWorker.wake);
  webhookWorker.start();
  const housekeeping = createHousekeeping({ db, clock: runtime.clock, logger: runtime.logger });
  housekeeping.start();
  services.apiKeyLastUse.start();
  return {
    app,
    handle: (request, response) => front(request, response, app.routing),
    services,
    mailWorker,
    webhookWorker,
    housekeeping,
    async close() {
      // close() stops accepting and drops idle keep-alive connections once; a connection whose
      // request finishes later would stay open until the keep-alive timeout, so keep dropping them.
      closing = true;
      const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(reaper);
        // After the requests and the work they left running: a message the last of them queued is
        // sent by the next worker to poll.
        await services.background.settle();
        stopWaking();
        await mailWorker.stop();
        stopWebhookWaking();
        await webhookWorker.stop();
        await housekeeping.stop();
        // After the last request: every use it noted is written.
        await services.apiKeyLastUse.stop();
        await ownBus?.close();
      }
    },
  };
}
