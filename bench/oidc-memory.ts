/**
 * node --expose-gc --disable-warning=ExperimentalWarning bench/oidc-memory.ts [realms]
 *
 * Heap and RSS per live OpenID Connect provider (docs/oidc.md, Operations): creates that many
 * realms on an in-memory SQLite database, serves one discovery request per realm so each gets its
 * provider, and divides the growth (after GC) by the number of providers created after the first.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { composeServer } from '../src/compose.ts';
import { loadConfig } from '../src/config/config.ts';
import { systemActor } from '../src/events/event-log.ts';
import { FakeClock } from '../src/platform/clock.ts';
import { openDatabase } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const count = Number(process.argv[2] ?? 201);
const database = openDatabase({ sqlitePath: ':memory:' });
await migrateToLatest(database);
const config = { ...loadConfig({}), publicUrl: 'http://127.0.0.1:1', rateLimits: false, maxRealms: count + 10 };
const server = await composeServer(config, { database, clock: new FakeClock(Date.now()), logger: pino({ level: 'silent' }), masterKey: randomBytes(32) });
const realms = [];
for (let i = 0; i < count; i += 1) realms.push(await server.services.realms.create({ name: `Realm ${i}`, slug: `realm-${i}` }, systemActor));
const discover = async (realmId: string) => {
  const response = await server.app.inject({ url: `/realms/${realmId}/.well-known/openid-configuration` });
  if (response.statusCode !== 200) throw new Error(response.body);
};
// The first provider loads oidc-provider's code; only the ones after it are counted.
await discover(realms[0].id);
gc();
gc();
const before = process.memoryUsage();
for (const realm of realms.slice(1)) await discover(realm.id);
gc();
gc();
const after = process.memoryUsage();
const per = (bytes: number) => Math.round(bytes / (count - 1) / 1024);
console.log(JSON.stringify({ providers: server.services.oidc.liveProviders, heapKiBPerProvider: per(after.heapUsed - before.heapUsed), rssKiBPerProvider: per(after.rss - before.rss) }));
await server.close();
await database.close();
