import type { Static } from '@sinclair/typebox';
import { checkFromRule, type DecisionCheck } from '../../authorization/decision-check.ts';
import type { DecisionService } from '../../authorization/decision-service.ts';
import type { RealmLookup } from '../../contracts.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { bearerToken } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { AuthorizeBody, BatchBody, BatchResponse, DecisionResponse } from './policy-schema.ts';
import { RealmParams } from './public-auth.ts';

type CheckBody = Static<typeof AuthorizeBody>;
const toCheck = (body: CheckBody): DecisionCheck => ('rule' in body ? checkFromRule(body) : body);

/**
 * POST /realms/{realm}/authorize[/batch]: may the caller (its bearer access token) do this? A
 * `deny` is an answer (200), not an error; only a bad credential or request is refused.
 */
export function publicAuthorizeRoutes(deps: { lookup: RealmLookup; decisions: DecisionService }): RouteTree {
  const common = { tags: ['authorization'], security: [{ bearer: [] }], params: RealmParams };
  return async (app) => {
    app.post<{ Params: Static<typeof RealmParams>; Body: CheckBody }>(
      '/realms/:realm/authorize',
      { schema: { ...common, summary: 'Decide whether the caller may do an action on a resource', body: AuthorizeBody, response: { 200: DecisionResponse, ...errorResponses(400, 401, 404) } } },
      async (request) => deps.decisions.authorize(await resolveActiveRealm(deps.lookup, request.params.realm), bearerToken(request), toCheck(request.body), originOf(request).ip),
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof BatchBody> }>(
      '/realms/:realm/authorize/batch',
      { schema: { ...common, summary: 'Decide many checks for the caller at once (answers in order)', body: BatchBody, response: { 200: BatchResponse, ...errorResponses(400, 401, 404) } } },
      async (request) => ({
        results: await deps.decisions.authorizeBatch(await resolveActiveRealm(deps.lookup, request.params.realm), bearerToken(request), request.body.checks.map(toCheck), originOf(request).ip),
      }),
    );
  };
}
