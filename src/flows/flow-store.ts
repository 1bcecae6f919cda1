import type { Kysely } from 'kysely';
import type { SecretBox } from '../platform/secret-box.ts';
import type { FirstFactor } from '../realms/realm.ts';
import { readJson, writeJson } from '../storage/codec.ts';
import type { Schema, SignInFlowRow } from '../storage/schema.ts';
import type { Challenge, CompletedFactor, FlowKind, FlowMethod, FlowState, SignInFlow } from './flow.ts';

/**
 * Flows at rest. Every call takes the realm id; an update names the version it read, so of two
 * requests racing on one flow (two codes submitted at once, say) exactly one moves it on.
 */
export function createFlowStore(secretBox: SecretBox) {
  function toFlow(row: SignInFlowRow): SignInFlow {
    return {
      id: row.id,
      realmId: row.realm_id,
      kind: row.kind as FlowKind,
      state: row.state as FlowState,
      userId: row.user_id,
      sessionId: row.session_id,
      firstFactors: readJson<FirstFactor[]>(row.first_factors),
      secondFactors: readJson<FlowMethod[]>(row.second_factors),
      completed: readJson<CompletedFactor[]>(row.completed),
      challenge: row.challenge === null ? null : (JSON.parse(secretBox.open(row.challenge)) as Challenge),
      failures: Number(row.failures),
      ip: row.ip,
      userAgent: row.user_agent,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      expiresAt: Number(row.expires_at),
      version: Number(row.version),
      tenant: row.tenant,
    };
  }

  const changingColumns = (flow: SignInFlow) => ({
    state: flow.state,
    user_id: flow.userId,
    completed: writeJson(flow.completed),
    second_factors: writeJson(flow.secondFactors),
    challenge: flow.challenge === null ? null : secretBox.seal(JSON.stringify(flow.challenge)),
    failures: flow.failures,
    updated_at: flow.updatedAt,
  });

  return {
    async insert(db: Kysely<Schema>, flow: SignInFlow): Promise<void> {
      await db
        .insertInto('sign_in_flows')
        .values({
          ...changingColumns(flow),
          id: flow.id,
          realm_id: flow.realmId,
          kind: flow.kind,
          session_id: flow.sessionId,
          first_factors: writeJson(flow.firstFactors),
          ip: flow.ip,
          user_agent: flow.userAgent,
          created_at: flow.createdAt,
          expires_at: flow.expiresAt,
          version: flow.version,
          tenant: flow.tenant,
        })
        .execute();
    },

    async find(db: Kysely<Schema>, realmId: string, flowId: string): Promise<SignInFlow | undefined> {
      const row = await db.selectFrom('sign_in_flows').selectAll().where('realm_id', '=', realmId).where('id', '=', flowId).executeTakeFirst();
      return row && toFlow(row);
    },

    /** Writes `next` if the flow is still at `previous.version`; false when another request moved it first. */
    async update(db: Kysely<Schema>, previous: SignInFlow, next: SignInFlow): Promise<boolean> {
      const result = await db
        .updateTable('sign_in_flows')
        .set({ ...changingColumns(next), version: previous.version + 1 })
        .where('realm_id', '=', previous.realmId)
        .where('id', '=', previous.id)
        .where('version', '=', previous.version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

  };
}

export type FlowStore = ReturnType<typeof createFlowStore>;

/** Housekeeping (src/storage/housekeeping.ts): flows past their expiry can do nothing any more, in any realm. */
export async function purgeExpiredFlows(db: Kysely<Schema>, before: number): Promise<number> {
  const result = await db.deleteFrom('sign_in_flows').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
