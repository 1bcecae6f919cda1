/**
 * npm run migrate: applies pending database migrations (the server also does this at start) and
 * prints what was applied. Uses the same KEYREALM_* configuration as the server.
 */
import { loadConfigOrExit } from '../config/config.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { openConfiguredDatabase } from './startup.ts';

const { database, description } = openConfiguredDatabase(loadConfigOrExit());
try {
  const applied = await migrateToLatest(database);
  console.log(applied.length === 0 ? `${description}: already up to date.` : `${description}: applied ${applied.join(', ')}.`);
} catch (error) {
  process.stderr.write(`Migration failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
