import type { Kysely, Transaction } from 'kysely';
import type { PolicyModuleRow, Schema } from '../storage/schema.ts';

/** A realm's policy module as the service sees it. */
export interface PolicyModule {
  module: string;
  text: string;
  policyCount: number;
  version: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string | null;
}

const toModule = (row: PolicyModuleRow): PolicyModule => ({
  module: row.module,
  text: row.text,
  policyCount: Number(row.policy_count),
  version: Number(row.version),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  updatedBy: row.updated_by,
});

type Db = Kysely<Schema> | Transaction<Schema>;

/** The `policy_modules` table; every call is scoped to one realm. */
export const policyStore = {
  async list(db: Db, realmId: string): Promise<PolicyModule[]> {
    const rows = await db.selectFrom('policy_modules').selectAll().where('realm_id', '=', realmId).orderBy('module').execute();
    return rows.map(toModule);
  },

  async find(db: Db, realmId: string, module: string): Promise<PolicyModule | undefined> {
    const row = await db.selectFrom('policy_modules').selectAll().where('realm_id', '=', realmId).where('module', '=', module).executeTakeFirst();
    return row && toModule(row);
  },

  async count(db: Db, realmId: string): Promise<number> {
    const row = await db.selectFrom('policy_modules').select((eb) => eb.fn.countAll().as('n')).where('realm_id', '=', realmId).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Creates the module (version 1) or replaces its text (version + 1). */
  async save(db: Db, realmId: string, module: string, text: string, policyCount: number, at: number, by: string | null): Promise<void> {
    await db
      .insertInto('policy_modules')
      .values({ realm_id: realmId, module, text, policy_count: policyCount, version: 1, created_at: at, updated_at: at, updated_by: by })
      .onConflict((oc) =>
        oc.columns(['realm_id', 'module']).doUpdateSet((eb) => ({
          text,
          policy_count: policyCount,
          version: eb('policy_modules.version', '+', 1),
          updated_at: at,
          updated_by: by,
        })),
      )
      .execute();
  },

  async remove(db: Db, realmId: string, module: string): Promise<boolean> {
    const result = await db.deleteFrom('policy_modules').where('realm_id', '=', realmId).where('module', '=', module).executeTakeFirst();
    return result.numDeletedRows > 0n;
  },
};
