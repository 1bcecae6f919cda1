import { Readable } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import type { RealmLookup } from '../../contracts.ts';
import { AppError } from '../../errors.ts';
import { requirePassphrase } from '../../portability/passphrase-box.ts';
import { exportRealm } from '../../portability/realm-export.ts';
import type { RealmImport } from '../../portability/realm-import.ts';
import { withOneLineRealmNames } from '../../portability/realm-section-names.ts';
import type { NewRealmInput } from '../../realms/realm-settings.ts';
import type { RouteTree } from '../app.ts';
import { detailsText } from '../error-handler.ts';
import { bodyCheck } from '../validation.ts';
import { authorize, operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { acceptStreamedBodies, streamedBody } from '../streamed-body.ts';
import { errorResponses } from '../schemas.ts';
import { RealmCreateBody } from './realm-body-schema.ts';
import { oneOf } from './realm-schema.ts';

const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id or slug.' }) });
const PASSPHRASE_HEADER = 'keyrealm-export-passphrase';

const ImportQuery = Type.Object(
  {
    ids: oneOf(['new', 'keep'] as const, "new: the realm and everything in it get new ids (a copy beside the original); keep: the export's ids (moving a realm to another server).", 'new'),
    dry_run: Type.Boolean({ default: false, description: 'Read and check the whole document, report conflicts and refused users, write nothing.' }),
    slug: Type.Optional(Type.String({ maxLength: 100, description: "Instead of the document's slug." })),
  },
  { additionalProperties: false },
);

const Failures = Type.Array(Type.Object({ row: Type.Integer(), code: Type.String(), message: Type.String() }));
const ImportReport = Type.Object({
  dry_run: Type.Boolean(),
  realm: Type.Object({ id: Type.String(), slug: Type.String() }),
  conflicts: Type.Array(Type.String(), { description: 'What stops the import (a dry run lists them; a real one is refused with import.conflict).' }),
  imported: Type.Object({ signing_keys: Type.Integer(), templates: Type.Integer(), roles: Type.Integer(), tenants: Type.Integer(), applications: Type.Integer(), identity_providers: Type.Integer() }),
  users: Type.Object({ rows: Type.Integer(), created: Type.Integer(), failed: Type.Integer(), failures: Failures, failures_truncated: Type.Boolean() }),
});

/** The realm section checked as `POST /admin/v1/realms` checks its body: one schema for both. */
export function createRealmSectionCheck(): (value: Record<string, unknown>) => NewRealmInput {
  const validate = bodyCheck(RealmCreateBody);
  return (given) => {
    const value = withOneLineRealmNames(given);
    const details = validate(value);
    if (!details) return value as unknown as NewRealmInput;
    throw new AppError('import.malformed_document', `The document's realm is invalid: ${detailsText(details)}.`, { details });
  };
}

function passphraseOf(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? requirePassphrase(header) : undefined;
}

/**
 * GET /admin/v1/realms/{realm}/export (`realm.manage`: the document holds password hashes) and
 * POST /admin/v1/realms/import (`realm.create`), streamed both ways (src/portability).
 */
export function adminRealmPortabilityRoutes(deps: { lookup: RealmLookup; authenticate: OperatorAuthenticator; imports: RealmImport; exporter: Parameters<typeof exportRealm>[0] }): RouteTree {
  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));
    acceptStreamedBodies(app);

    app.get<{ Params: Static<typeof RealmParams> }>(
      '/admin/v1/realms/:realm/export',
      {
        schema: {
          tags: ['realms'],
          security: [{ bearer: [] }],
          summary: 'Export the realm as one JSON document, streamed',
          description: `Settings, templates, roles, tenants, applications, identity providers and users with their password hashes, passkeys, roles, memberships and linked identities. With the ${PASSPHRASE_HEADER} header (at least 12 characters; operators of every realm only), also the signing keys, second-factor seeds and identity providers' secrets, sealed under it.`,
          params: RealmParams,
          produces: ['application/json'],
          response: { 200: Type.String({ description: 'The realm document (docs/import-export.md).' }), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { realm, actor } = await operatorRealm(deps.lookup, request, 'realm.manage');
        if (realm.is_system) throw new AppError('realm.protected', 'The admin realm cannot be exported: its operators move with the server.');
        const passphrase = passphraseOf(request.headers[PASSPHRASE_HEADER]);
        if (passphrase !== undefined) authorize(request, { kind: 'realm.export_secrets' });
        return reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="realm-${realm.slug}.json"`)
          .send(Readable.from(exportRealm(deps.exporter, realm, passphrase, actor, originOf(request))));
      },
    );

    app.post<{ Querystring: Static<typeof ImportQuery> }>(
      '/admin/v1/realms/import',
      {
        schema: {
          tags: ['realms'],
          security: [{ bearer: [] }],
          summary: 'Create a realm from an export, streamed (or check one with dry_run)',
          description: `The body is the document. Secrets in it need its passphrase in the ${PASSPHRASE_HEADER} header.`,
          querystring: ImportQuery,
          response: { 200: ImportReport, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request) => {
        const operator = authorize(request, { kind: 'realm.create' });
        const { ids, dry_run: dryRun, slug } = request.query;
        return deps.imports.importRealm(streamedBody(request, 'the realm document'), { ids, dryRun, slug, passphrase: passphraseOf(request.headers[PASSPHRASE_HEADER]) }, operator.actor, originOf(request));
      },
    );
  };
}
