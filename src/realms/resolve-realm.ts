import type { RealmLookup } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { Realm } from './realm.ts';

/** The realm a `{realm}` path segment names (id or slug), or 404 realm.not_found. */
export async function resolveRealm(lookup: RealmLookup, ref: string): Promise<Realm> {
  const realm = await lookup.resolve(ref);
  if (!realm) throw new AppError('realm.not_found', `No realm ${ref}.`);
  return realm;
}

/** Public endpoints treat an inactive realm as absent. */
export async function resolveActiveRealm(lookup: RealmLookup, ref: string): Promise<Realm> {
  const realm = await resolveRealm(lookup, ref);
  if (realm.state !== 'active') throw new AppError('realm.not_found', `No realm ${ref}.`);
  return realm;
}
