/**
 * The way back to sign-in that the sign-up and forgotten-password pages carry (`return_to`). Only
 * two kinds are taken, so the pages never send anyone elsewhere: the path of one of the realm's own
 * sign-in interactions, or a redirect URI one of the realm's applications registered, exactly
 * (which leads through the realm's direct sign-in, `/realms/{realm}/login`, never straight there).
 */
import type { ApplicationDirectory } from '../contracts.ts';
import type { Realm } from '../realms/realm.ts';

export interface ReturnTo {
  /** What the page's forms carry on. */
  value: string;
  /** Where its link leads. */
  href: string;
}

export type ReturnUris = Pick<ApplicationDirectory, 'isRegisteredReturnUri'>;

const INTERACTION = /^\/realms\/([A-Za-z0-9_-]{1,100})\/interaction\/[A-Za-z0-9_-]{1,100}$/;

export async function checkReturnTo(realm: Realm, value: string | null, applications: ReturnUris): Promise<ReturnTo | null> {
  if (!value) return null;
  const interaction = INTERACTION.exec(value);
  if (interaction) return interaction[1] === realm.id || interaction[1] === realm.slug ? { value, href: value } : null;
  if (!(await applications.isRegisteredReturnUri(realm.id, value, 'redirect'))) return null;
  return { value, href: `/realms/${realm.id}/login?redirect_uri=${encodeURIComponent(value)}` };
}

/** A link from the sign-in page to an account page, carrying the way back and the language. */
export function accountPageLink(realmId: string, page: 'signup' | 'forgot-password', returnTo: string, uiLocales: readonly string[]): string {
  const query = new URLSearchParams({ return_to: returnTo, ...(uiLocales.length > 0 ? { ui_locales: uiLocales.join(' ') } : {}) });
  return `/realms/${realmId}/${page}?${query}`;
}
