/**
 * The composition root: the one place that builds every service and route tree and wires them
 * together, passing each only what it needs. main.ts and the test harness both start here.
 */
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import packageJson from '../package.json' with { type: 'json' };
import { createAccountThrottle } from './accounts/account-throttle.ts';
import { createAccountTokens } from './accounts/account-tokens.ts';
import { createEmailVerification } from './accounts/email-verification.ts';
import { createPasswordReset } from './accounts/password-reset.ts';
import { createSignUp } from './accounts/sign-up.ts';
import { createVerificationMail } from './accounts/verification-mail.ts';
import { createOperatorAuthenticator } from './auth/operator-authenticator.ts';
import { createAuthService } from './auth/auth-service.ts';
import { createPasswordMethod } from './auth/methods/password.ts';
import { limitPasswordChanges } from './auth/password-change-limit.ts';
import { createRateLimiter } from './auth/rate-limiter.ts';
import { clearFailuresOnUnlock, createLockoutAdmin } from './auth/lockout.ts';
import { createDatabaseFailureStore } from './auth/login-failure-store.ts';
import { BRUTE_FORCE_LOCK_REASON, createLoginGuard } from './auth/login-guard.ts';
import { createRedisFailureStore } from './auth/redis-failure-store.ts';
import type { Config } from './config/options.ts';
import { createEventLog } from './events/event-log.ts';
import { createCodeSender } from './flows/code-sender.ts';
import { createFlowService } from './flows/flow-service.ts';
import { createFlowStore } from './flows/flow-store.ts';
import { createFlowEnrolment } from './flows/flow-enrolment.ts';
import { createMagicLinks } from './flows/magic-link.ts';
import { createPasskeyStart } from './flows/passkey-start.ts';
import type { FactorVerifiers } from './flows/proofs.ts';
import { otpFlowFactors } from './mfa/flow-factors.ts';
import { passkeyFlowFactors } from './passkeys/flow-factors.ts';
import { createSessionRaiser, createStepUp } from './flows/step-up.ts';
import { buildApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { accountPageRoutes } from './http/pages/account-pages.ts';
import { magicLinkPageRoutes } from './http/pages/magic-link-pages.ts';
import { accountRoutes } from './http/routes/account.ts';
import { accountSessionRoutes } from './http/routes/account-sessions.ts';
import { accountMfaRoutes } from './http/routes/account-mfa.ts';
import { adminUserMfaRoutes } from './http/routes/admin-user-mfa.ts';
import { mfaCheckRoutes } from './http/routes/mfa-check.ts';
import { adminEventRoutes } from './http/routes/admin-events.ts';
import { adminMessageRoutes } from './http/routes/admin-messages.ts';
import { adminOperatorRoutes } from './http/routes/admin-operators.ts';
import { adminRealmRoutes } from './http/routes/admin-realms.ts';
import { adminTemplateRoutes } from './http/routes/admin-templates.ts';
import { adminUserImportRoutes } from './http/routes/admin-user-import.ts';
import { adminUserLockoutRoutes } from './http/routes/admin-user-lockout.ts';
import { adminUserRecoveryRoutes } from './http/routes/admin-user-recovery.ts';
import { adminUserRoutes } from './http/routes/admin-users.ts';
import { publicAccountRecoveryRoutes } from './http/routes/public-account-recovery.ts';
import { publicAuthRoutes } from './http/routes/public-auth.ts';
import { publicFlowRoutes } from './http/routes/public-flows.ts';
import { publicMagicLinkRoutes } from './http/routes/public-magic-link.ts';
import { publicRealmRoutes } from './http/routes/public-realms.ts';
import { systemRoutes } from './http/routes/system.ts';
import { createMailWorker, type MailWorker } from './mail/mail-worker.ts';
import { createMessageQueue } from './mail/message-queue.ts';
import { createFactorVerifier } from './mfa/factor-verifier.ts';
import { createMfaService } from './mfa/mfa-service.ts';
import { passkeyStore } from './passkeys/passkey-store.ts';
import { createPasskeyService } from './passkeys/passkey-service.ts';
import { accountPasskeyRoutes } from './http/routes/account-passkeys.ts';
import { adminUserPasskeyRoutes } from './http/routes/admin-user-passkeys.ts';
import { recoveryCodeKey } from './mfa/recovery-codes.ts';
import { createMessageService } from './mail/message-service.ts';
import { serverSender } from './mail/sender.ts';
import { createTemplateService } from './mail/template-service.ts';
import { createMailTransport } from './mail/transports.ts';
import { createSmsQueue } from './sms/sms-queue.ts';
import { createSmsSender } from './sms/sms-settings.ts';
import { createOperatorService } from './operators/operator-service.ts';
import { keepSuperadmin } from './operators/superadmin-guard.ts';
import { forgetCredentialsOfDeleted } from './accounts/forget-credentials.ts';
import { createBreachedPasswordCheck } from './passwords/breached-passwords.ts';
import { createPasswordPolicy } from './passwords/password-policy.ts';
import { createBackground } from './platform/background.ts';
import type { Clock } from './platform/clock.ts';
import { createHealthCheck } from './platform/health.ts';
import type { Logger } from './platform/logger.ts';
import { createPasswordHasher } from './platform/passwords.ts';
import { createSecretBox } from './platform/secret-box.ts';
import { createKeyRing } from './realms/key-ring.ts';
import { createRealmLookup } from './realms/realm-lookup.ts';
import { createRealmService } from './realms/realm-service.ts';
import { ADMIN_REALM_SLUG } from './realms/realm.ts';
import { resolveRealm } from './realms/resolve-realm.ts';
import type { Database } from './storage/database.ts';
import { pendingMigrations } from './storage/migrate.ts';
import { createAccessTokens } from './tokens/access-tokens.ts';
import { createRefreshTokens, refreshTokenMacKey } from './tokens/refresh-tokens.ts';
import { createUserService } from './users/user-service.ts';

export const VERSION: string = packageJson.version;

export interface Runtime {
  /** Opened and migrated by the caller, who also closes it. */
  database: Database;
  clock: Clock;
  logger: Logger;
  /** 32 bytes; seals signing keys at rest, and refresh-token macs are keyed from it. */
  masterKey: Buffer;
  /** Shared rate-limit counters across instances; in process when absent. */
  redis?: Redis;
}

/** Every service, without HTTP: main's primary process uses this alone to bootstrap. */
export function composeServices(config: Config, runtime: Runtime) {
  const { database, clock, logger } = runtime;
  const { db } = database;
  const events = createEventLog(clock);
  const hasher = createPasswordHasher({
    memoryKib: config.argon2MemoryKib,
    passes: config.argon2Passes,
    parallelism: config.argon2Parallelism,
  });
  const metrics = createMetrics(database.poolStats);
  const lookup = createRealmLookup(db, clock);
  // Outgoing mail: queued in the transaction of the change that causes it (`mailQueue.enqueue`, then
  // `mailQueue.wake()` after the commit) and sent by the mail worker that composeServer starts.
  const mailSecrets = createSecretBox(runtime.masterKey);
  const mailQueue = createMessageQueue({ clock, secretBox: mailSecrets });
  const mailTemplates = createTemplateService({ db, clock, events });
  const mailMessages = createMessageService({ db, clock, secretBox: mailSecrets });
  // SMS share that queue and worker (channel `sms`): `smsQueue.enqueue` in the transaction, then `wake()`.
  const smsQueue = createSmsQueue({ clock, secretBox: mailSecrets, wake: () => mailQueue.wake() });
  const keys = createKeyRing({ db, clock, secretBox: createSecretBox(runtime.masterKey) });
  const realms = createRealmService({
    db,
    clock,
    events,
    keys,
    lookup,
    dialect: database.dialect,
    maxRealms: config.maxRealms,
    onBackgroundError: (error) => logger.error({ err: error }, 'a background realm task failed'),
  });
  // Which new passwords a realm accepts; the breach check (when a realm enables it) logs only why it could not ask.
  const passwordPolicy = createPasswordPolicy({
    breachedCheck: createBreachedPasswordCheck({ onUnavailable: (problem) => logger.warn(problem, 'the breached-password range API could not be asked') }),
  });
  // Single-use links of account emails; a new, unverified address gets one in the change's transaction.
  const accountTokens = createAccountTokens({ clock });
  const verificationMail = createVerificationMail({ clock, tokens: accountTokens, mailer: mailQueue, publicUrl: config.publicUrl });
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
  });
  // Failed sign-ins per account: in Redis when configured (shared by every instance), else in the database.
  const failureStore = runtime.redis ? createRedisFailureStore({ redis: runtime.redis }) : createDatabaseFailureStore(db);
  const guard = createLoginGuard({ db, clock, events, store: failureStore, users });
  // An operator's unlock (of a user, or of an operator through PATCH) also forgets the failed sign-ins.
  const adminUsers = clearFailuresOnUnlock(users, guard);
  const lockout = createLockoutAdmin({ users, guard });
  const operators = createOperatorService({ db, events, users: adminUsers, lookup, systemRealm: () => resolveRealm(lookup, ADMIN_REALM_SLUG) });
  const rateLimiter = createRateLimiter({ clock, redis: runtime.redis });
  const accessTokens = createAccessTokens({ keys, publicUrl: config.publicUrl, clock });
  const auth = createAuthService({
    db,
    clock,
    events,
    users,
    methods: { password: createPasswordMethod({ users, hasher }) },
    accessTokens,
    refreshTokens: createRefreshTokens({ clock, events, macKey: refreshTokenMacKey(runtime.masterKey) }),
    rateLimiter,
    guard,
    limits: {
      enabled: config.rateLimits,
      loginPerIp: config.rateLimitLoginPerIp,
      loginPerIdentifier: config.rateLimitLoginPerIdentifier,
      refreshPerIp: config.rateLimitRefreshPerIp,
    },
    metrics,
  });
  // The signed-in user's own account routes: password changes are limited per user.
  const accountUsers = config.rateLimits
    ? limitPasswordChanges(users, { rateLimiter, perUserPerMinute: config.rateLimitPasswordChangePerUser })
    : users;
  const authenticate = createOperatorAuthenticator({ lookup, validator: auth, operators });
  // Sign-up, verification and recovery: work for addresses that may have no account runs after the answer.
  const background = createBackground(logger);
  const throttle = createAccountThrottle({
    rateLimiter,
    limits: {
      enabled: config.rateLimits,
      signUpPerIp: config.rateLimitSignUpPerIp,
      recoveryPerIp: config.rateLimitRecoveryPerIp,
      recoveryPerAddress: config.rateLimitRecoveryPerAddress,
      tokenPerIp: config.rateLimitTokenPerIp,
    },
  });
  const accountFlowDeps = { db, clock, events, tokens: accountTokens, users, mailer: mailQueue, publicUrl: config.publicUrl, background, throttle };
  const signUp = createSignUp({ ...accountFlowDeps, verificationMail });
  const verification = createEmailVerification({ ...accountFlowDeps, verificationMail });
  const passwordReset = createPasswordReset({ ...accountFlowDeps, clearFailures: guard.clear, bruteForceLockReason: BRUTE_FORCE_LOCK_REASON });
  // Second factors (src/mfa): TOTP/HOTP seeds sealed under the master key, recovery codes hashed with a key derived from it.
  // `mfaVerifier` checks codes for the flow engine (`otpFlowFactors(mfaVerifier)` in src/mfa/flow-factors.ts).
  const mfaDeps = { db, clock, events, secretBox: createSecretBox(runtime.masterKey), recoveryKey: recoveryCodeKey(runtime.masterKey) };
  const mfaVerifier = createFactorVerifier({ ...mfaDeps, mailQueue });
  // Passkeys (src/passkeys): registration for signed-in users; `passkeyFlowFactors(passkeys)` (src/passkeys/flow-factors.ts) plugs them into the flow engine.
  const passkeys = createPasskeyService({ db, clock, events, publicUrl: config.publicUrl, users });
  const mfa = createMfaService({
    ...mfaDeps,
    verifier: mfaVerifier,
    users,
    rateLimiter,
    limits: { enabled: config.rateLimits, checkPerUser: config.rateLimitMfaCheckPerUser },
    // While passkeys remain, removing the last TOTP/HOTP factor keeps the recovery codes.
    otherFactorCount: (trx, realmId, userId) => passkeyStore.countForUser(trx, realmId, userId),
  });
  // Sign-in flows: every method runs through one engine; second factors from their modules plug in as `factors`.
  const flowStore = createFlowStore(createSecretBox(runtime.masterKey));
  const otpFactors = otpFlowFactors(mfaVerifier, mfa);
  const passkeyFactors = passkeyFlowFactors(passkeys);
  const factors: FactorVerifiers = {
    enrolled: async (realmId, userId) => [...(await otpFactors.enrolled(realmId, userId)), ...(await passkeyFactors.enrolled(realmId, userId))],
    verifyCode: otpFactors.verifyCode,
    confirmEnrolment: otpFactors.confirmEnrolment,
    verifyPasskey: passkeyFactors.verifyPasskey,
  };
  const flows = createFlowService({
    db,
    clock,
    events,
    store: flowStore,
    auth,
    users,
    guard,
    factors,
    hasher,
    stepUp: createSessionRaiser({ db, clock, events, accessTokens }),
  });
  const codes = createCodeSender({ db, clock, events, store: flowStore, flows, users, mailer: mailQueue, sms: smsQueue, background, throttle });
  const stepUp = createStepUp({ db, store: flowStore, flows, users, factors });
  const passkeyStart = createPasskeyStart({ db, clock, store: flowStore, flows, passkeys });
  const flowEnrolment = createFlowEnrolment({ db, flows, mfa });
  // Sign-in links (magic link, number matching): approved on the device that opens the mail, collected by the one that started.
  const magicLinks = createMagicLinks({ db, clock, events, store: flowStore, flows, users, guard, mailer: mailQueue, background, throttle, publicUrl: config.publicUrl });
  const health = createHealthCheck({
    version: VERSION,
    dialect: database.dialect,
    ping: database.ping,
    pendingMigrations: () => pendingMigrations(database),
  });
  return {
    events,
    lookup,
    keys,
    realms,
    users,
    adminUsers,
    accountUsers,
    operators,
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
    flows,
    codes,
    stepUp,
    passkeyStart,
    flowEnrolment,
    magicLinks,
    mfa,
    mfaVerifier,
    passkeys,
  };
}

export type Services = ReturnType<typeof composeServices>;

export interface Server {
  app: FastifyInstance;
  services: Services;
  /** Sends queued mail in this process; stopped by close(). */
  mailWorker: MailWorker;
  /** Stops accepting and waits for in-flight requests; the database and Redis stay the caller's. */
  close(): Promise<void>;
}

export async function composeServer(config: Config, runtime: Runtime): Promise<Server> {
  const services = composeServices(config, runtime);
  const { lookup, keys, realms, users, adminUsers, accountUsers, operators, auth, lockout, authenticate, metrics, health, events } = services;
  const db = runtime.database.db;
  const app = await buildApp({
    logger: runtime.logger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    metrics,
    version: VERSION,
    routes: [
      systemRoutes({ health, metrics }),
      publicRealmRoutes({ lookup, keys }),
      publicAuthRoutes({ lookup, auth, flows: services.flows }),
      publicFlowRoutes({ lookup, auth, flows: services.flows, codes: services.codes, stepUp: services.stepUp, passkeyStart: services.passkeyStart, enrolment: services.flowEnrolment }),
      publicMagicLinkRoutes({ lookup, magicLinks: services.magicLinks }),
      publicAccountRecoveryRoutes({ lookup, signUp: services.signUp, verification: services.verification, reset: services.passwordReset }),
      accountPageRoutes({ lookup, verification: services.verification, reset: services.passwordReset }),
      magicLinkPageRoutes({ lookup, magicLinks: services.magicLinks }),
      accountRoutes({ lookup, auth, users: accountUsers }),
      accountSessionRoutes({ lookup, auth, users }),
      adminRealmRoutes({ realms, lookup, authenticate }),
      adminUserRoutes({ users: adminUsers, lookup, authenticate }),
      adminUserLockoutRoutes({ lockout, lookup, authenticate }),
      adminUserImportRoutes({ users, lookup, authenticate }),
      adminUserRecoveryRoutes({ lookup, authenticate, reset: services.passwordReset, verification: services.verification }),
      accountMfaRoutes({ lookup, auth, mfa: services.mfa }),
      mfaCheckRoutes({ lookup, auth, mfa: services.mfa }),
      adminUserMfaRoutes({ lookup, authenticate, mfa: services.mfa }),
      accountPasskeyRoutes({ lookup, auth, passkeys: services.passkeys }),
      adminUserPasskeyRoutes({ lookup, authenticate, passkeys: services.passkeys }),
      adminEventRoutes({ lookup, authenticate, listEvents: (realmId, filter, page) => events.list(db, realmId, filter, page) }),
      adminMessageRoutes({ messages: services.mailMessages, lookup, authenticate }),
      adminTemplateRoutes({ templates: services.mailTemplates, lookup, authenticate }),
      adminOperatorRoutes({ operators, authenticate }),
    ],
  });
  const mailWorker = createMailWorker({
    db,
    clock: runtime.clock,
    logger: runtime.logger,
    events,
    secretBox: createSecretBox(runtime.masterKey),
    templates: services.mailTemplates,
    realms: lookup,
    transport: createMailTransport({ smtpUrl: config.smtpUrl, dataDir: config.dataDir }, runtime.logger),
    sender: serverSender(config.mailFrom, config.publicUrl),
    sms: createSmsSender(config, runtime.logger),
    pollMs: config.mailPollMs,
  });
  const stopWaking = services.mailQueue.onWake(mailWorker.wake);
  mailWorker.start();
  return {
    app,
    services,
    mailWorker,
    async close() {
      // close() stops accepting and drops idle keep-alive connections once; a connection whose
      // request finishes later would stay open until the keep-alive timeout, so keep dropping them.
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
      }
    },
  };
}
