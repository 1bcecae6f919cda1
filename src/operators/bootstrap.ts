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

/** The operator made on first start; `generatedPassword` is set only when the password was generated. */
export interface FirstOperator {
  email: string;
  generatedPassword: string | undefined;
}

/**
 * First start: the built-in admin realm and, while there is no operator at all, a superadmin.
 * Later starts find both and create nothing. The caller shows a generated password once.
 */
export async function bootstrap(deps: BootstrapDeps): Promise<FirstOperator | undefined> {
  await deps.realms.ensureSystemRealm();
  if ((await deps.operators.count()) > 0) return undefined;

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
    if (error instanceof AppError && error.kind === 'conflict') return undefined;
    if (error instanceof AppError) {
      throw new ConfigError(`Invalid configuration: KEYREALM_ADMIN_EMAIL/KEYREALM_ADMIN_PASSWORD were refused for the first operator: ${error.message}`);
    }
    throw error;
  }
  return { email, generatedPassword };
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
