import { Type, type Static } from '@sinclair/typebox';
import type { RealmLookup } from '../../contracts.ts';
import type { FirebaseHashConfig } from '../../portability/sources/firebase.ts';
import { importSources, MAX_REPORTED_FAILURES, type StreamImport } from '../../portability/user-stream-import.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { acceptStreamedBodies, streamedBody } from '../streamed-body.ts';
import { errorResponses } from '../schemas.ts';
import { oneOf } from './realm-schema.ts';

const Params = Type.Object({
  realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id or slug.' }),
  source: oneOf(importSources, 'keyrealm: JSON lines of users as POST …/users takes them; keycloak: a Keycloak realm or users export; auth0: Auth0 user export JSON lines with password hashes; firebase: `firebase auth:export` JSON; csv: CSV with a header row and `columns`.'),
});

const Query = Type.Object(
  {
    dry_run: Type.Boolean({ default: false, description: 'Check every row and report, write nothing.' }),
    columns: Type.Optional(Type.String({ maxLength: 4000, description: 'csv: field=Column pairs, comma-separated (custom.<name> for custom attributes).' })),
  },
  { additionalProperties: false },
);

const FIREBASE_HEADER = 'keyrealm-firebase-hash';

const Report = Type.Object({
  dry_run: Type.Boolean(),
  rows: Type.Integer({ description: 'Rows read from the file.' }),
  created: Type.Integer({ description: 'Users created (in a dry run: that would be).' }),
  failed: Type.Integer({ description: 'Rows refused.' }),
  failures: Type.Array(Type.Object({ row: Type.Integer({ description: 'From 1: the line, array element or CSV record.' }), code: Type.String(), message: Type.String() }), {
    description: `The first ${MAX_REPORTED_FAILURES} refused rows.`,
  }),
  failures_truncated: Type.Boolean(),
});

/** `signer_key=…;salt_separator=…;rounds=8;mem_cost=14`, from a header so the key stays out of URLs and logs (checked with the rows). */
function firebaseConfig(header: string | string[] | undefined): FirebaseHashConfig | undefined {
  if (typeof header !== 'string') return undefined;
  const values = new Map(
    header.split(';').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, Math.max(at, 0)).trim(), pair.slice(at + 1).trim()] as const;
    }),
  );
  return { signerKey: values.get('signer_key') ?? '', saltSeparator: values.get('salt_separator') ?? '', rounds: Number(values.get('rounds')), memCost: Number(values.get('mem_cost')) };
}

/**
 * POST /admin/v1/realms/{realm}/users/import/{source}: the body is the file itself, streamed and
 * written a batch at a time (src/portability/user-stream-import.ts); `realm.manage` on the realm.
 */
export function adminUserStreamImportRoutes(deps: { imports: StreamImport; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));
    acceptStreamedBodies(app);

    app.post<{ Params: Static<typeof Params>; Querystring: Static<typeof Query> }>(
      '/admin/v1/realms/:realm/users/import/:source',
      {
        schema: {
          tags: ['users'],
          security: [{ bearer: [] }],
          summary: 'Import users from a file of another system, streamed: each row is created or reported on its own',
          description: `The body is the file (any content type). Firebase password hashes need the project's hash parameters in the ${FIREBASE_HEADER} header.`,
          params: Params,
          querystring: Query,
          response: { 200: Report, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { realm, actor } = await operatorRealm(deps.lookup, request, 'realm.manage');
        const { source } = request.params;
        return deps.imports.importStream(
          realm,
          streamedBody(request, 'the file to import'),
          { source, dryRun: request.query.dry_run, columns: request.query.columns, firebase: source === 'firebase' ? firebaseConfig(request.headers[FIREBASE_HEADER]) : undefined },
          actor,
          originOf(request),
        );
      },
    );
  };
}
