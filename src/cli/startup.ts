import type { Config } from '../config/options.ts';
import { openDatabase, sqlitePathIn, type Database } from '../storage/database.ts';

/** Start-up steps shared by the server (src/cli/server-process.ts) and the commands in src/cli/. */

/** PostgreSQL when KEYREALM_DATABASE_URL is set, else SQLite in the data directory. */
export function openConfiguredDatabase(config: Config): { database: Database; description: string } {
  if (config.databaseUrl) {
    return { database: openDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize, poolWaitMs: config.databasePoolWaitMs, preparedStatements: config.databasePreparedStatements }), description: 'PostgreSQL' };
  }
  const path = sqlitePathIn(config.dataDir);
  return { database: openDatabase({ sqlitePath: path }), description: `SQLite at ${path}` };
}
