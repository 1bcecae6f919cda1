/**
 * The admin console signs operators in as an application of the admin realm: a public single-page
 * application (code + PKCE, no secret) with a fixed client id, whose only return addresses are the
 * console's own pages under the public URL. Made on the first start and brought back in line on
 * every later one (a changed public URL, an operator who edited it away), so the console works
 * after `npm start` without a step of set-up.
 */
import type { ApplicationFields } from '../applications/application.ts';
import type { ApplicationService } from '../applications/application-service.ts';
import { noOrigin, systemActor } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import { AppError } from '../errors.ts';
import { uniqueViolation } from '../storage/database.ts';

export const CONSOLE_CLIENT_ID = 'keyrealm-console';

/** The console's path below the public URL. */
export const CONSOLE_PATH = '/console';

export function consoleSettings(publicUrl: string): Pick<ApplicationFields, 'name' | 'enabled' | 'redirect_uris' | 'post_logout_redirect_uris' | 'grant_types' | 'scopes' | 'consent'> {
  const base = `${publicUrl}${CONSOLE_PATH}`;
  return {
    name: 'Keyrealm console',
    enabled: true,
    redirect_uris: [`${base}/callback`],
    post_logout_redirect_uris: [`${base}/signed-out`],
    grant_types: ['authorization_code', 'refresh_token'],
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    // The server's own console: operators are not asked to consent to it.
    consent: 'implicit',
  };
}

/**
 * Undefined once the application is in line; else why the console cannot sign anyone in (a public
 * URL on plain http other than loopback: OAuth refuses such redirect URIs), for the start to log.
 * The server starts either way.
 */
export async function ensureConsoleApplication(deps: {
  realms: { ensureSystemRealm(): Promise<Realm> };
  applications: Pick<ApplicationService, 'findByClientId' | 'create' | 'update'>;
  publicUrl: string;
}): Promise<string | undefined> {
  const admin = await deps.realms.ensureSystemRealm();
  const wanted = consoleSettings(deps.publicUrl);
  try {
    const current = await deps.applications.findByClientId(admin.id, CONSOLE_CLIENT_ID);
    // update() compares field by field and changes (and records) nothing when all match.
    if (current) await deps.applications.update(admin, CONSOLE_CLIENT_ID, wanted, systemActor, noOrigin);
    else await deps.applications.create(admin, { kind: 'spa', ...wanted }, systemActor, noOrigin, CONSOLE_CLIENT_ID);
  } catch (error) {
    // Another instance starting at the same moment made it first.
    if (uniqueViolation(error) !== undefined) return undefined;
    if (error instanceof AppError) return `The admin console cannot sign operators in at ${deps.publicUrl}${CONSOLE_PATH}: ${error.message}. Set KEYREALM_PUBLIC_URL to an https address (or a loopback one).`;
    throw error;
  }
  return undefined;
}
