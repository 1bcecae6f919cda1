/**
 * The outside-in fuzz suite (Keyrealm issue #8 §3): reads the server's own /openapi.json and sends
 * malformed requests to every operation, with no token, a garbage one, a realm user's and the
 * superadmin operator's (so admin bodies are reached, not just the 401). Every answer must be below
 * 500 and, for 4xx, in the documented error shape with a status the operation documents (or one
 * any request can earn: 400, 404, 409, 413-415, 429, 431).
 *
 * Used by test/fuzz/openapi-fuzz.test.ts (bounded, inside `npm test`) and test/fuzz/run-fuzz.ts
 * (`npm run fuzz`, long runs with a printed seed); docs/fuzzing.md explains both.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DialectName } from '../../src/storage/database.ts';
import pino from 'pino';
import { startTestServer, type TestServer } from '../support/server.ts';
import { brokenJsonText, jsonText, nastySegment, nastyValue, nearlyValid, queryValue, type Schema } from './malformed-values.ts';
import { FuzzFixtures } from './fuzz-fixtures.ts';

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  body: Schema | undefined;
  statuses: Set<number>;
}

/**
 * Statuses any request may earn whatever its operation documents: malformed input, a URL no route
 * matches, limits, and 409 request.conflict when another request (the fuzzer's own realm reset or
 * user deletion, say) removed what this one was writing for while it ran.
 */
const ANY_REQUEST = new Set([400, 404, 409, 413, 414, 415, 429, 431]);

const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/jsonx', 'application/json; x=1'];

type Auth = 'none' | 'garbage' | 'user' | 'operator';

interface FuzzRequest {
  operation: Operation;
  auth: Auth;
  segments: Record<string, string | undefined>;
  query: [string, string][];
  body: { contentType: string | undefined; text: string } | undefined;
}

function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = (operation.parameters ?? []) as { in: string; name: string }[];
      const content = (operation.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content;
      // A live stream (text/event-stream) answered 200 never ends under inject(); its refusals
      // are tested over a real socket in test/events/event-stream.test.ts.
      const ok = (operation.responses as Record<string, { content?: Record<string, unknown> }>)['200'];
      if (ok?.content?.['text/event-stream']) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: content?.['application/json']?.schema,
        statuses: new Set(Object.keys(operation.responses as object).map(Number)),
      });
    }
  }
  return operations;
}

/** The arbitrary's value `weight` times in `weight + otherwise`, else undefined. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, weight: number, otherwise: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight, arbitrary }, { weight: otherwise, arbitrary: fc.constant(undefined) });
}

function requestArbitrary(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const segments = fc.record(
    // Mostly the fixture's id (undefined here), so requests get past the 404 to what lies behind it.
    Object.fromEntries(operation.pathParams.map((name) => [name, sometimes(nastySegment, 1, 4)])),
  ) as fc.Arbitrary<Record<string, string | undefined>>;
  const declared = operation.queryParams.length > 0 ? fc.constantFrom(...operation.queryParams) : fc.constant('limit');
  const key = fc.oneof({ weight: 5, arbitrary: declared }, { weight: 1, arbitrary: fc.constantFrom('unknown', '__proto__', 'cursor') });
  const query = fc.array(key.chain((name) => queryValue(name).map((value): [string, string] => [name, value])), { maxLength: 3 });
  const json = (tree: fc.Arbitrary<unknown>) => tree.map((value) => ({ contentType: 'application/json' as string | undefined, text: jsonText(value as never) }));
  const shapedBody = operation.body ? json(nearlyValid(operation.body)) : json(nastyValue);
  const body = fc.oneof(
    { weight: operation.body ? 8 : 1, arbitrary: shapedBody },
    { weight: 1, arbitrary: json(nastyValue) },
    { weight: 1, arbitrary: brokenJsonText.map((text) => ({ contentType: 'application/json' as string | undefined, text })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CONTENT_TYPES), shapedBody).map(([contentType, { text }]) => ({ contentType, text })) },
    { weight: 1, arbitrary: shapedBody.map(({ text }) => ({ contentType: undefined, text })) },
  );
  return fc.record({
    operation: fc.constant(operation),
    // Mostly the token the operation wants, so bodies get past the 401 to validation and the services.
    auth: fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom<Auth>('none', 'garbage') },
      { weight: 4, arbitrary: fc.constant<Auth>(operation.path.startsWith('/admin/') ? 'operator' : 'user') },
      { weight: 1, arbitrary: fc.constant<Auth>(operation.path.startsWith('/admin/') ? 'user' : 'operator') },
    ),
    segments,
    query,
    body: operation.body ? sometimes(body, 8, 1) : sometimes(body, 1, 4),
  });
}

function describeRequest(request: FuzzRequest, url: string): string {
  const body = request.body ? ` ${request.body.contentType ?? '(no content-type)'} ${request.body.text.slice(0, 300)}` : '';
  return `${request.operation.method} ${url} as ${request.auth}${body}`;
}

export interface FuzzOptions {
  dialect: DialectName;
  seed: number;
  numRuns: number;
  /** Stops generating after this long (the bounded run inside `npm test`); unlimited when absent. */
  timeLimitMs?: number;
  /** Called every 500 requests with the count so far (long runs show progress). */
  progress?: (requests: number) => void;
}

export interface FuzzReport {
  requests: number;
  operations: number;
  statuses: Record<number, number>;
}

/** Fuzzes every documented operation of a fresh server on one dialect; fc.assert throws with the seed and the shrunk request on a failure. */
export async function fuzzOpenApi(options: FuzzOptions): Promise<FuzzReport> {
  const server: TestServer = await startTestServer({ dialect: options.dialect, logger: process.env.FUZZ_LOG ? pino({ level: 'error' }) : undefined });
  const report: FuzzReport = { requests: 0, operations: 0, statuses: {} };
  try {
    const fixtures = new FuzzFixtures(server);
    await fixtures.ensure();
    const document = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operations = operationsOf(document);
    report.operations = operations.length;
    const property = fc.asyncProperty(fc.oneof(...operations.map(requestArbitrary)), async (request) => {
      if (fixtures.stale || report.requests % 25 === 0) await fixtures.ensure();
      const path = request.operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => request.segments[name] ?? fixtures.segment(name));
      const search = request.query.map(([key, value]) => `${encodeURIComponent(key)}=${value}`).join('&');
      const url = search ? `${path}?${search}` : path;
      const headers: Record<string, string> = { ...fixtures.authorization(request.auth) };
      if (request.body?.contentType) headers['content-type'] = request.body.contentType;
      const response = await server.app.inject({ method: request.operation.method as 'GET', url, headers, ...(request.body ? { payload: request.body.text } : {}) });
      report.requests++;
      report.statuses[response.statusCode] = (report.statuses[response.statusCode] ?? 0) + 1;
      if (report.requests % 500 === 0) options.progress?.(report.requests);
      const what = describeRequest(request, url);
      assert.ok(response.statusCode < 500, `${what}\n→ ${response.statusCode} ${response.body.slice(0, 500)}`);
      // A dot segment ('.', '..', '%2e%2e') makes the URL name another path before any server sees
      // it (`/realms/./auth/x` is `/realms/auth/x`, perhaps a hosted page), and so does an empty last
      // segment, as the router ignores a trailing slash (`/realms/r/login/` is the hosted sign-in
      // page `/realms/r/login`): only the rule above holds.
      const leftOperation = new URL(url, 'http://fuzz.test').pathname !== path || path.endsWith('/');
      if (response.statusCode >= 400 && !leftOperation) {
        assert.match(String(response.headers['content-type']), /^application\/json/, `${what}\n→ ${response.statusCode} not JSON`);
        const error = (response.json() as { error?: { code?: unknown; message?: unknown } }).error;
        assert.ok(typeof error?.code === 'string' && typeof error.message === 'string', `${what}\n→ ${response.statusCode} ${response.body.slice(0, 500)}`);
        assert.ok(
          request.operation.statuses.has(response.statusCode) || ANY_REQUEST.has(response.statusCode),
          `${what}\n→ ${response.statusCode} ${error.code} is not a status ${request.operation.method} ${request.operation.path} documents`,
        );
      }
      fixtures.noticed(request.auth, response);
    });
    await fc.assert(property, {
      seed: options.seed,
      numRuns: options.numRuns,
      interruptAfterTimeLimit: options.timeLimitMs,
      markInterruptAsFailure: false,
      // No shrinking: it would replay requests against a server the failing run changed, slowly; the
      // failing request is printed whole, and the seed replays the run.
      endOnFailure: true,
    });
    return report;
  } finally {
    await server.dispose();
  }
}
