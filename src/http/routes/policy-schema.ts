import { Type } from '@sinclair/typebox';
import { MAX_BATCH } from '../../authorization/decision-service.ts';
import { policyLimits } from '../../authorization/policy-module.ts';
import { Nullable, Timestamp } from '../schemas.ts';

/** Request and response schemas of the policy modules (admin) and of authorize (public). */

export const ModuleName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'The module name: a-z, 0-9, ".", "_", "-".' });

export const PutPolicyBody = Type.Object(
  { policy: Type.String({ maxLength: policyLimits.moduleBytes, description: `Cedar policy text (at most ${policyLimits.policiesPerModule} policies; checked and validated against the realm's schema).` }) },
  { additionalProperties: false },
);

const moduleFields = {
  module: Type.String(),
  policy_count: Type.Integer(),
  version: Type.Integer({ description: '1 when created, one more at every save.' }),
  created_at: Timestamp,
  updated_at: Timestamp,
  updated_by: Nullable(Type.String({ description: 'The operator who saved it.' })),
};
export const PolicySummary = Type.Object(moduleFields);
export const PolicyModuleResponse = Type.Object({ ...moduleFields, policy: Type.String() });
export const PolicyList = Type.Object({ items: Type.Array(PolicySummary), next_cursor: Type.Null() });

const Values = (description: string) =>
  Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown(), { maxProperties: 50, description });

const Resource = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. invoices' }),
    id: Type.String({ minLength: 1, maxLength: 200 }),
    tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The tenant the resource belongs to.' })),
    attributes: Type.Optional(Values('What policies may read as the resource\u2019s tags.')),
  },
  { additionalProperties: false },
);

const ActionCheck = Type.Object(
  {
    action: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. invoices:read' }),
    resource: Resource,
    context: Type.Optional(Values('What policies may read as context.request\u2019s tags.')),
  },
  { additionalProperties: false },
);

const RuleCheck = Type.Object(
  {
    module: Type.String({ minLength: 1, maxLength: 100, description: 'The policy module (`/iam/access` names `iam.access`); only it decides.' }),
    rule: Type.String({ minLength: 1, maxLength: 200, description: 'The action.' }),
    payload: Type.Optional(Values('The context.')),
  },
  { additionalProperties: false },
);

export const AuthorizeBody = Type.Union([ActionCheck, RuleCheck], { description: '`{ action, resource, context }`, or seed 002\u2019s `{ module, rule, payload }`.' });
export const BatchBody = Type.Object({ checks: Type.Array(AuthorizeBody, { minItems: 1, maxItems: MAX_BATCH }) }, { additionalProperties: false });

export const DecisionResponse = Type.Object({
  decision: Type.Union([Type.Literal('allow'), Type.Literal('deny')]),
  reasons: Type.Array(Type.String(), { description: 'The determining policies (`module/id`), or the default engine\u2019s reason code.' }),
});
export const BatchResponse = Type.Object({ results: Type.Array(DecisionResponse, { description: 'In the order of the checks.' }) });
