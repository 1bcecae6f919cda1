import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Prefix search over realms (name, slug) and a realm's users (email, username, mobile), answered
 * from indexes (src/storage/prefix-search.ts). Expand only: one new column, `realms.name_search`,
 * filled here for existing realms with JavaScript's lower-casing (the same as new writes use;
 * SQLite's lower() only knows ASCII), and new indexes. On PostgreSQL the indexes are in the "C"
 * collation, because range predicates need byte order and the database default may be linguistic.
 * Also an index on `realms.is_system`: start-up finds the built-in realm and every creation counts
 * the others, which without it read every realm row (seconds at 100,000 realms).
 */
export function searchIndexes(dialect: DialectName) {
  const BATCH = 1000;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('realms').addColumn('name_search', 'text').execute();
      for (let after = ''; ; ) {
        const rows: { id: string; name: string }[] = await db.selectFrom('realms').select(['id', 'name']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
        for (const row of rows) await db.updateTable('realms').set({ name_search: row.name.toLowerCase() }).where('id', '=', row.id).execute();
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1]!.id;
      }
      await db.schema.createIndex('realms_system').on('realms').columns(['is_system']).execute();
      if (dialect === 'postgres') {
        await sql`create index realms_name_prefix on realms ((name_search collate "C"), id)`.execute(db);
        await sql`create index realms_slug_prefix on realms ((slug collate "C"))`.execute(db);
        for (const column of ['email_search', 'username_key', 'mobile_key']) {
          await sql`create index ${sql.raw(`users_${column}_prefix`)} on users (realm_id, (${sql.ref(column)} collate "C"))`.execute(db);
        }
        return;
      }
      // SQLite compares text bytewise (BINARY) by default: the unique slug index and the users'
      // (realm_id, email_search / username_key / mobile_key) indexes already answer ranges.
      await db.schema.createIndex('realms_name_prefix').on('realms').columns(['name_search', 'id']).execute();
    },
  };
}
