import type { CedarValueJson, EntityJson, StatefulAuthorizationCall } from '@cedar-policy/cedar-wasm/nodejs';
import type { DecisionCheck } from './decision-check.ts';
import type { DecisionSubject } from './decision-subject.ts';
import type { PolicySlice } from './policy-cache.ts';
import type { EntityReads, PolicyReads } from './policy-reads.ts';
import { setOwn } from '../platform/own-keys.ts';
import { withValuesRenamed } from './policy-values.ts';

/** Tags are typed String in the schema (policy-schema.ts): other JSON values go as their JSON text. */
function tagsOf(values: Record<string, unknown>): Record<string, CedarValueJson> {
  // Loops, not Object.entries/fromEntries: every decision builds these, and their arrays cost it.
  const tags: Record<string, CedarValueJson> = {};
  for (const key in values) {
    if (!Object.hasOwn(values, key)) continue;
    const value = values[key];
    setOwn(tags, key, typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'));
  }
  return tags;
}

const uid = (type: string, id: string): { type: string; id: string } => ({ type, id });

/** The principal's attributes: the same facts the default engine decides with. */
function facts(subject: DecisionSubject, id: string): Record<string, CedarValueJson> {
  return {
    id,
    roles: subject.roles,
    permissions: subject.permissions,
    ...(subject.tenant === null ? {} : { tenant: subject.tenant }),
    access: subject.access.type,
    tags: subject.attributes.tags,
  };
}

/** An entity's identity and parents alone. */
const NOTHING: EntityReads = { attributes: new Set(), tags: false };

/** Of an entity's attributes and tags, what the policies read (all of it when `reads` is null). */
function only(entity: EntityJson, reads: EntityReads | null): EntityJson {
  if (reads === null) return entity;
  const attrs: EntityJson['attrs'] = {};
  for (const name in entity.attrs) if (Object.hasOwn(entity.attrs, name) && reads.attributes.has(name)) setOwn(attrs, name, entity.attrs[name]);
  return { uid: entity.uid, attrs, parents: entity.parents, ...(reads.tags ? { tags: entity.tags } : {}) };
}

function principalEntities(subject: DecisionSubject, reads: PolicyReads): { principal: { type: string; id: string }; entities: EntityJson[] } {
  const sliced = reads.whole ? null : reads.principal;
  const parents = [...subject.roles.map((role) => uid('Role', role)), ...(subject.tenant === null ? [] : [uid('Tenant', subject.tenant)])];
  const user: EntityJson | null =
    subject.userId === null ? null : { uid: uid('User', subject.userId), attrs: facts(subject, subject.userId), parents, tags: tagsOf(subject.attributes.custom) };
  if (subject.kind === 'user' && user) return { principal: uid('User', subject.userId as string), entities: [only(user, sliced)] };
  const keyId = subject.apiKeyId ?? '';
  const key: EntityJson = {
    uid: uid('ApiKey', keyId),
    attrs: {
      ...facts(subject, keyId),
      kind: subject.kind,
      ...(subject.userId === null ? {} : { owner: { __entity: uid('User', subject.userId) } }),
      ...(subject.service === null ? {} : { service: subject.service }),
    },
    parents,
    tags: tagsOf(subject.capabilities ?? {}),
  };
  // The key's owner is an entity of its own. Its attributes are read only through another entity
  // (`principal.owner.…`, which sends everything), but it always goes with its parents: a policy
  // may ask `principal.owner in …`, or name it (`User::"…" in Role::"…"`), and an entity Cedar is
  // not sent has no ancestors.
  const entities = [only(key, sliced), ...(user ? [only(user, sliced === null ? null : NOTHING)] : [])];
  return { principal: uid('ApiKey', keyId), entities };
}

/** The identity every resource is sent with when none is read (a resource's own is always `type/id`). */
const ANY_RESOURCE = '*';

/** The Cedar request for one check, against a preparsed policy set: what its policies can read. */
export function cedarCall(slice: PolicySlice, subject: DecisionSubject, check: DecisionCheck): StatefulAuthorizationCall {
  const { reads } = slice;
  const { principal, entities } = principalEntities(subject, reads);
  const { resource } = check;
  // Where no policy of the slice asks which resource it is, every resource is the same one to
  // Cedar (policy-reads.ts): the answer, and its memo key, follow from the facts read alone.
  const identity = reads.whole || reads.resourceIdentity ? `${resource.type}/${resource.id}` : ANY_RESOURCE;
  const resourceEntity: EntityJson = {
    uid: uid('Resource', identity),
    attrs: { type: resource.type, id: resource.id, ...(resource.tenant === undefined ? {} : { tenant: resource.tenant }) },
    parents: resource.tenant === undefined ? [] : [uid('Tenant', resource.tenant)],
    tags: tagsOf(resource.attributes ?? {}),
  };
  const resourceSent = only(resourceEntity, reads.whole ? null : reads.resource);
  const call = { principal, action: uid('Action', check.action), resource: resourceEntity.uid, preparsedPolicySetId: slice.id };
  if (!reads.whole && !reads.context) return withValuesRenamed({ ...call, context: {}, entities: [...entities, resourceSent] }, reads.values);
  const request: EntityJson = { uid: uid('Request', 'current'), attrs: {}, parents: [], tags: tagsOf(check.context ?? {}) };
  const context = { request: { __entity: { type: 'Request', id: 'current' } } };
  return withValuesRenamed({ ...call, context, entities: [...entities, resourceSent, request] }, reads.values);
}
