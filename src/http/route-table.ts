/**
 * Every route tree the server serves, in one visible table: each gets only the services it uses.
 * Public routes, the hosted pages, the signed-in user's own, and the operators' admin API.
 */
import type { Kysely } from 'kysely';
import { VERSION, type Services } from '../compose.ts';
import type { Schema } from '../storage/schema.ts';
import type { RouteTree } from './app.ts';
import { accountApiKeyRoutes } from './routes/account-api-keys.ts';
import { accountApplicationRoutes } from './routes/account-applications.ts';
import { accountMfaRoutes } from './routes/account-mfa.ts';
import { accountPasskeyRoutes } from './routes/account-passkeys.ts';
import { accountRoutes } from './routes/account.ts';
import { accountSessionRoutes } from './routes/account-sessions.ts';
import { adminApiKeyRoutes } from './routes/admin-api-keys.ts';
import { adminApplicationRoutes } from './routes/admin-applications.ts';
import { adminEventRoutes } from './routes/admin-events.ts';
import { adminEventStreamRoutes } from './routes/admin-event-stream.ts';
import { adminMessageRoutes } from './routes/admin-messages.ts';
import { adminPolicyRoutes } from './routes/admin-policies.ts';
import { adminOperatorRoutes } from './routes/admin-operators.ts';
import { adminMeRoutes } from './routes/admin-me.ts';
import { adminRealmOverviewRoutes } from './routes/admin-realm-overview.ts';
import { adminOperatorApplicationRoutes } from './routes/admin-operator-applications.ts';
import { adminRealmRoutes } from './routes/admin-realms.ts';
import { adminRoleRoutes } from './routes/admin-roles.ts';
import { adminTemplateRoutes } from './routes/admin-templates.ts';
import { adminTenantRoutes } from './routes/admin-tenants.ts';
import { adminWebhookRoutes } from './routes/admin-webhooks.ts';
import { adminUserExportRoutes } from './routes/admin-user-export.ts';
import { adminIdentityProviderRoutes } from './routes/admin-identity-providers.ts';
import { adminUserImportRoutes } from './routes/admin-user-import.ts';
import { adminUserStreamImportRoutes } from './routes/admin-user-stream-import.ts';
import { createUserRowCheck } from './routes/import-row-check.ts';
import { unstorableFields } from './unstorable-text.ts';
import { createStreamImport } from '../portability/user-stream-import.ts';
import { createRealmImport } from '../portability/realm-import.ts';
import { adminRealmPortabilityRoutes, createRealmSectionCheck } from './routes/admin-realm-portability.ts';
import { adminUserLockoutRoutes } from './routes/admin-user-lockout.ts';
import { adminUserMfaRoutes } from './routes/admin-user-mfa.ts';
import { adminUserPasskeyRoutes } from './routes/admin-user-passkeys.ts';
import { adminUserRecoveryRoutes } from './routes/admin-user-recovery.ts';
import { adminUserRoutes } from './routes/admin-users.ts';
import { landingPageRoutes } from './pages/landing-page.ts';
import { consolePageRoutes } from './pages/console-pages.ts';
import { consoleMailPreviewRoutes } from './pages/console-mail-preview.ts';
import { mfaCheckRoutes } from './routes/mfa-check.ts';
import { unknownPageRoutes } from './pages/page-errors.ts';
import { publicAccountRecoveryRoutes } from './routes/public-account-recovery.ts';
import { publicAuthorizeRoutes } from './routes/public-authorize.ts';
import { publicAuthRoutes } from './routes/public-auth.ts';
import { publicFlowRoutes } from './routes/public-flows.ts';
import { publicMagicLinkRoutes } from './routes/public-magic-link.ts';
import { publicIdentityProviderRoutes } from './routes/public-identity-providers.ts';
import { mcpRoutes } from './routes/mcp.ts';
import { protectedResourceRoutes } from './routes/protected-resources.ts';
import { browserCorsRoutes } from './browser-cors.ts';
import { accountIdentityRoutes, adminUserIdentityRoutes } from './routes/identity-routes.ts';
import { publicRealmRoutes } from './routes/public-realms.ts';
import { systemRoutes } from './routes/system.ts';
import { accountPageRoutes } from '../pages/account-pages.ts';
import { directSignInRoutes } from '../pages/direct-sign-in-page.ts';
import { forgotPasswordPageRoutes } from '../pages/forgot-password-page.ts';
import { interactionPageRoutes } from '../pages/interaction-pages.ts';
import { magicLinkPageRoutes } from '../pages/magic-link-pages.ts';
import { signUpPageRoutes } from '../pages/sign-up-page.ts';
import { oidcRoutes } from './routes/oidc.ts';

export function routeTable(services: Services, db: Kysely<Schema>, publicUrl: string): RouteTree[] {
  const { lookup, keys, realms, users, adminUsers, accountUsers, operators, auth, lockout, authenticate, metrics, health, events } = services;
  // Rows of both kinds of import are checked as POST …/users checks a body.
  const checkUser = createUserRowCheck();
  return [
    browserCorsRoutes({ lookup, origins: services.browserOrigins }),
    landingPageRoutes({ version: VERSION, publicUrl }),
    consolePageRoutes({ lookup, publicUrl, version: VERSION }),
    consoleMailPreviewRoutes({ publicUrl }),
    systemRoutes({ health, metrics }),
    publicRealmRoutes({ lookup, keys }),
    publicAuthRoutes({ lookup, auth, flows: services.flows, validator: services.validateWithOidc, apiKeys: services.apiKeyVerifier }),
    publicFlowRoutes({ lookup, auth, flows: services.flows, codes: services.codes, stepUp: services.stepUp, passkeyStart: services.passkeyStart, enrolment: services.flowEnrolment }),
    publicMagicLinkRoutes({ lookup, magicLinks: services.magicLinks }),
    publicAccountRecoveryRoutes({ lookup, signUp: services.signUp, verification: services.verification, reset: services.passwordReset }),
    accountPageRoutes({ lookup, security: services.pageSecurity, verification: services.verification, reset: services.passwordReset }),
    magicLinkPageRoutes({ lookup, security: services.pageSecurity, magicLinks: services.magicLinks }),
    signUpPageRoutes({ lookup, security: services.pageSecurity, signUp: services.signUp, applications: services.applications }),
    forgotPasswordPageRoutes({ lookup, security: services.pageSecurity, reset: services.passwordReset, applications: services.applications }),
    interactionPageRoutes({ lookup, flows: services.flows, codes: services.codes, magicLinks: services.magicLinks, enrolment: services.flowEnrolment, interactions: services.oidc.interactions, security: services.pageSecurity, passkeyStart: services.passkeyStart, idpSignIn: services.idpSignIn, publicUrl }),
    directSignInRoutes({ lookup, applications: services.applications, interactions: services.oidc.interactions }),
    unknownPageRoutes(),
    accountRoutes({ lookup, auth, users: accountUsers }),
    accountSessionRoutes({ lookup, auth, users }),
    adminRealmRoutes({ realms, lookup, authenticate }),
    adminUserRoutes({ users: adminUsers, lookup, authenticate }),
    adminUserLockoutRoutes({ lockout, lookup, authenticate }),
    adminUserImportRoutes({ users, lookup, authenticate }),
    adminUserExportRoutes({ users, lookup, authenticate }),
    adminUserStreamImportRoutes({ imports: createStreamImport({ writer: services.bulkUsers, checkRow: checkUser }), lookup, authenticate }),
    adminRealmPortabilityRoutes({
      lookup,
      authenticate,
      exporter: services.realmPortability.exporter,
      imports: createRealmImport({ ...services.realmPortability.importer, checkRealm: createRealmSectionCheck(), checkUser, unstorable: (value) => unstorableFields(value).map((detail) => detail.field) }),
    }),
    adminUserRecoveryRoutes({ lookup, authenticate, reset: services.passwordReset, verification: services.verification }),
    accountMfaRoutes({ lookup, auth, mfa: services.mfa }),
    mfaCheckRoutes({ lookup, auth, mfa: services.mfa }),
    adminUserMfaRoutes({ lookup, authenticate, mfa: services.mfa }),
    accountPasskeyRoutes({ lookup, auth, passkeys: services.passkeys }),
    adminUserPasskeyRoutes({ lookup, authenticate, passkeys: services.passkeys }),
    adminEventRoutes({ lookup, authenticate, listEvents: (realmId, filter, page) => events.list(db, realmId, filter, page) }),
    adminEventStreamRoutes({ lookup, authenticate, streams: services.eventStreams }),
    adminMessageRoutes({ messages: services.mailMessages, lookup, authenticate }),
    adminTemplateRoutes({ templates: services.mailTemplates, lookup, authenticate }),
    adminOperatorRoutes({ operators, authenticate }),
    adminMeRoutes({ operators, authenticate }),
    adminRealmOverviewRoutes({ overview: services.realmOverview, lookup, authenticate }),
    adminOperatorApplicationRoutes({ operatorApplications: services.operatorApplications, authenticate }),
    adminApplicationRoutes({ applications: services.applications, lookup, authenticate }),
    adminRoleRoutes({ roles: services.roles, assignments: services.roleAssignments, lookup, authenticate }),
    adminTenantRoutes({ tenants: services.tenants, lookup, authenticate }),
    adminWebhookRoutes({ webhooks: services.webhooks, lookup, authenticate }),
    adminIdentityProviderRoutes({ providers: services.identityProviders, lookup, authenticate }),
    publicIdentityProviderRoutes({ lookup, idpSignIn: services.idpSignIn, publicUrl }),
    accountIdentityRoutes({ lookup, auth, identities: services.linkedIdentities, idpSignIn: services.idpSignIn }),
    adminUserIdentityRoutes({ lookup, authenticate, identities: services.linkedIdentities, users }),
    accountApplicationRoutes({ lookup, auth, applications: services.applications }),
    accountApiKeyRoutes({ lookup, auth, apiKeys: services.apiKeys }),
    adminApiKeyRoutes({ lookup, authenticate, apiKeys: services.apiKeys }),
    oidcRoutes({ lookup, oidc: services.oidc }),
    mcpRoutes({ authenticate, publicUrl }),
    protectedResourceRoutes({ lookup, publicUrl }),
    adminPolicyRoutes({ policies: services.policies, lookup, authenticate }),
    publicAuthorizeRoutes({ lookup, decisions: services.decisions }),
  ];
}
