import type { CedarValueJson, EntityJson, StatefulAuthorizationCall } from '@cedar-policy/cedar-wasm/nodejs';
import type { DecisionCheck } from './decision-check.ts';
import type { DecisionSubject } from './decision-subject.ts';
import type { PolicySlice } from './policy-cache.ts';
import type { EntityReads, PolicyReads } from './policy-reads.ts';

/** Tags are typed String in the schema (policy-schema.ts): other JSON values go as their JSON text. */
function tagsOf(values: Record<string, unknown>): Record<string, CedarValueJson> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value) ?? 'null']));
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

/** Of an entity's attributes and tags, what the policies read (all of it when `reads` is null). */
function only(entity: EntityJson, reads: EntityReads | null): EntityJson {
  if (reads === null) return entity;
  const attrs = Object.fromEntries(Object.entries(entity.attrs).filter(([name]) => reads.attributes.has(name)));
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
    attrs: { ...facts(subject, keyId), kind: subject.kind, ...(subject.userId === null ? {} : { owner: { __entity: uid('User', subject.userId) } }) },
    parents,
    tags: tagsOf(subject.capabilities ?? {}),
  };
  // The key's owner is an entity of its own, read only through `principal.owner` (which reads everything).
  return { principal: uid('ApiKey', keyId), entities: user && sliced === null ? [key, user] : [only(key, sliced)] };
}

/** The Cedar request for one check, against a preparsed policy set: what its policies can read. */
export function cedarCall(slice: PolicySlice, subject: DecisionSubject, check: DecisionCheck): StatefulAuthorizationCall {
  const { reads } = slice;
  const { principal, entities } = principalEntities(subject, reads);
  const { resource } = check;
  const resourceEntity: EntityJson = {
    uid: uid('Resource', `${resource.type}/${resource.id}`),
    attrs: { type: resource.type, id: resource.id, ...(resource.tenant === undefined ? {} : { tenant: resource.tenant }) },
    parents: resource.tenant === undefined ? [] : [uid('Tenant', resource.tenant)],
    tags: tagsOf(resource.attributes ?? {}),
  };
  const resourceSent = only(resourceEntity, reads.whole ? null : reads.resource);
  const call = { principal, action: uid('Action', check.action), resource: resourceEntity.uid, preparsedPolicySetId: slice.id };
  if (!reads.whole && !reads.context) return { ...call, context: {}, entities: [...entities, resourceSent] };
  const request: EntityJson = { uid: uid('Request', 'current'), attrs: {}, parents: [], tags: tagsOf(check.context ?? {}) };
  return { ...call, context: { request: { __entity: { type: 'Request', id: 'current' } } }, entities: [...entities, resourceSent, request] };
}
