import { ConfigError } from '../config/config.ts';
import { AppError } from '../errors.ts';
import { systemActor } from '../events/event-log.ts';
import { randomBase62 } from '../platform/ids.ts';
import type { Realm } from '../realms/realm.ts';
import type { NewOperator } from './operator-service.ts';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

export interface BootstrapDeps {
  realms: { ensureSystemRealm(): Promise<Realm> };
  operators: { count(): Promise<number>; create(input: NewOperator, actor: typeof systemActor): Promise<unknown> };
  /** KEYREALM_ADMIN_EMAIL / KEYREALM_ADMIN_PASSWORD; a password is generated when none is given. */
  adminEmail: string | undefined;
  adminPassword: string | undefined;
}

/**
 * What a start found: `created` the first operator (`generatedPassword` set only when the password
 * was generated), operators that `existed` already, or one that another instance starting at the
 * same moment created (`raced`).
 */
export type BootstrapOutcome =
  | { kind: 'created'; email: string; generatedPassword: string | undefined }
  | { kind: 'existed' }
  | { kind: 'raced' };

/**
 * First start: the built-in admin realm and, while there is no operator at all, a superadmin.
 * Later starts find both and create nothing. The caller shows a generated password once.
 */
export async function bootstrap(deps: BootstrapDeps): Promise<BootstrapOutcome> {
  await deps.realms.ensureSystemRealm();
  if ((await deps.operators.count()) > 0) return { kind: 'existed' };

  const email = deps.adminEmail ?? DEFAULT_ADMIN_EMAIL;
  const generatedPassword = deps.adminPassword ? undefined : randomBase62(24);
  const password = deps.adminPassword ?? (generatedPassword as string);
  try {
    await deps.operators.create(
      { email, password, display_name: 'Administrator', grants: [{ permission: 'superadmin' }] },
      systemActor,
    );
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (error instanceof AppError && error.kind === 'conflict') return { kind: 'raced' };
    if (error instanceof AppError) {
      throw new ConfigError(`Invalid configuration: KEYREALM_ADMIN_EMAIL/KEYREALM_ADMIN_PASSWORD were refused for the first operator: ${error.message}`);
    }
    throw error;
  }
  return { kind: 'created', email, generatedPassword };
}

/**
 * Why KEYREALM_ADMIN_EMAIL/KEYREALM_ADMIN_PASSWORD changed nothing on a later start: without this
 * a walkthrough that sets them after a first start fails at sign-in with no hint why.
 */
export function ignoredAdminSettingsWarning(storage: string): string {
  return (
    'KEYREALM_ADMIN_EMAIL/KEYREALM_ADMIN_PASSWORD were ignored: the admin realm already has operators, and these ' +
    `settings apply only on the first start with an empty database (this one is ${storage}). Sign in with an ` +
    'existing operator, or point KEYREALM_DATA_DIR (or KEYREALM_DATABASE_URL) at a fresh one to create this operator.'
  );
}

/**
 * The console notice for a generated password: printed once to standard output (never through
 * the logger), with a sign-in command ready to paste.
 */
export function firstOperatorNotice(email: string, password: string, publicUrl: string): string {
  const body = JSON.stringify({ identifier: email, password });
  return [
    '',
    '================================================================================',
    ' Keyrealm created the first operator (superadmin). This password is shown ONCE:',
    '',
    `   email:    ${email}`,
    `   password: ${password}`,
    '',
    ' Sign in:',
    `   curl -s -X POST ${publicUrl}/realms/admin/auth/login \\`,
    `     -H 'content-type: application/json' -d '${body}'`,
    '================================================================================',
    '',
  ].join('\n');
}
