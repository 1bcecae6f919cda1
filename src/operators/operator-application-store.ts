import type { Kysely } from 'kysely';
import { readBool, readJson, writeJson } from '../storage/codec.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import type { Grant } from './permissions.ts';

/** A machine application of the admin realm with operator grants. Times in epoch ms. */
export interface OperatorApplication {
  client_id: string;
  name: string;
  enabled: boolean;
  grants: Grant[];
  created_at: number;
  updated_at: number;
}

/** Every call is scoped to the admin realm's id; the application's own row gives its name and state. */
function operatorApplicationsOf(db: Kysely<Schema>, adminRealmId: string) {
  return db
    .selectFrom('operator_applications')
    .innerJoin('applications', (join) => join.onRef('applications.realm_id', '=', 'operator_applications.realm_id').onRef('applications.client_id', '=', 'operator_applications.client_id'))
    .where('operator_applications.realm_id', '=', adminRealmId)
    .select([
      'operator_applications.client_id as client_id',
      'applications.name as name',
      'applications.enabled as enabled',
      'operator_applications.grants as grants',
      'operator_applications.created_at as created_at',
      'operator_applications.updated_at as updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof operatorApplicationsOf>['executeTakeFirstOrThrow']>>;

const toOperatorApplication = (row: Row): OperatorApplication => ({
  client_id: row.client_id,
  name: row.name,
  enabled: readBool(row.enabled),
  grants: readJson<Grant[]>(row.grants),
  created_at: row.created_at,
  updated_at: row.updated_at,
});

export const operatorApplicationStore = {
  async find(db: Kysely<Schema>, adminRealmId: string, clientId: string): Promise<OperatorApplication | undefined> {
    const row = await operatorApplicationsOf(db, adminRealmId).where('operator_applications.client_id', '=', clientId).executeTakeFirst();
    return row ? toOperatorApplication(row) : undefined;
  },

  async list(db: Kysely<Schema>, adminRealmId: string, page: PageRequest): Promise<Page<OperatorApplication>> {
    const order = { column: 'operator_applications.created_at', idColumn: 'operator_applications.client_id', direction: 'asc' } as const;
    return paginate(operatorApplicationsOf(db, adminRealmId), order, page, toOperatorApplication, (row) => row.created_at, (row) => row.client_id);
  },

  /** Sets the application's grants, creating its row (one statement: two at once cannot both insert). */
  async put(db: Kysely<Schema>, adminRealmId: string, clientId: string, grants: Grant[], at: number, by: string | null): Promise<void> {
    await db
      .insertInto('operator_applications')
      .values({ realm_id: adminRealmId, client_id: clientId, grants: writeJson(grants), created_at: at, created_by: by, updated_at: at, updated_by: by })
      .onConflict((conflict) => conflict.columns(['realm_id', 'client_id']).doUpdateSet({ grants: writeJson(grants), updated_at: at, updated_by: by }))
      .execute();
  },

  /** False when the application had no grants. */
  async delete(db: Kysely<Schema>, adminRealmId: string, clientId: string): Promise<boolean> {
    const result = await db.deleteFrom('operator_applications').where('realm_id', '=', adminRealmId).where('client_id', '=', clientId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
