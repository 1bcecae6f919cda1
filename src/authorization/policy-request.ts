import type { CedarValueJson, EntityJson, StatefulAuthorizationCall } from '@cedar-policy/cedar-wasm/nodejs';
import type { DecisionCheck } from './decision-check.ts';
import type { DecisionSubject } from './decision-subject.ts';

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

function principalEntities(subject: DecisionSubject): { principal: { type: string; id: string }; entities: EntityJson[] } {
  const parents = [...subject.roles.map((role) => uid('Role', role)), ...(subject.tenant === null ? [] : [uid('Tenant', subject.tenant)])];
  const user: EntityJson | null =
    subject.userId === null ? null : { uid: uid('User', subject.userId), attrs: facts(subject, subject.userId), parents, tags: tagsOf(subject.attributes.custom) };
  if (subject.kind === 'user' && user) return { principal: uid('User', subject.userId as string), entities: [user] };
  const keyId = subject.apiKeyId ?? '';
  const key: EntityJson = {
    uid: uid('ApiKey', keyId),
    attrs: { ...facts(subject, keyId), kind: subject.kind, ...(subject.userId === null ? {} : { owner: { __entity: uid('User', subject.userId) } }) },
    parents,
    tags: tagsOf(subject.capabilities ?? {}),
  };
  return { principal: uid('ApiKey', keyId), entities: user ? [key, user] : [key] };
}

/** The Cedar request for one check, against a preparsed policy set. */
export function cedarCall(setId: string, subject: DecisionSubject, check: DecisionCheck): StatefulAuthorizationCall {
  const { principal, entities } = principalEntities(subject);
  const { resource } = check;
  const resourceEntity: EntityJson = {
    uid: uid('Resource', `${resource.type}/${resource.id}`),
    attrs: { type: resource.type, id: resource.id, ...(resource.tenant === undefined ? {} : { tenant: resource.tenant }) },
    parents: resource.tenant === undefined ? [] : [uid('Tenant', resource.tenant)],
    tags: tagsOf(resource.attributes ?? {}),
  };
  const request: EntityJson = { uid: uid('Request', 'current'), attrs: {}, parents: [], tags: tagsOf(check.context ?? {}) };
  return {
    principal,
    action: uid('Action', check.action),
    resource: resourceEntity.uid,
    context: { request: { __entity: { type: 'Request', id: 'current' } } },
    preparsedPolicySetId: setId,
    entities: [...entities, resourceEntity, request],
  };
}
