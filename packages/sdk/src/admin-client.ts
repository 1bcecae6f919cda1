import { createApi, data, type Api, type ClientOptions } from './api.ts';
import { clientCredentialsTokens } from './client-credentials.ts';
import { follow } from './event-stream.ts';
import { paginate } from './pagination.ts';
import { operatorSession, type OperatorSignIn } from './operator-session.ts';
import type { Realm, RealmEvent, User } from './types.ts';
import type { paths } from './generated/openapi.ts';

/**
 * The admin API, as an operator's scripts and back-offices use it: `api` for every operation,
 * typed, and iterators over the lists. An operator is a user of the `admin` realm: give a token
 * (or a function that gets one), or sign in with `KeyrealmAdmin.signIn`, which keeps the
 * operator's tokens renewed. A backend with no one to sign in uses an operator application's
 * client credentials (`KeyrealmAdmin.withClientCredentials`).
 */
export interface AdminClientOptions extends ClientOptions {
  token: string | (() => string | undefined | Promise<string | undefined>);
}

type UserQuery = NonNullable<paths['/admin/v1/realms/{realm}/users']['get']['parameters']['query']>;
type EventQuery = NonNullable<paths['/admin/v1/realms/{realm}/events']['get']['parameters']['query']>;
type RealmQuery = NonNullable<paths['/admin/v1/realms']['get']['parameters']['query']>;

/** An operation by method and path template, with untyped parameters: for generic tools (a CLI, an MCP server). */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestParams {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export class KeyrealmAdmin {
  readonly api: Api;

  constructor(options: AdminClientOptions, renew?: () => Promise<boolean>) {
    const { token, ...client } = options;
    this.api = createApi(client, { token: typeof token === 'string' ? () => token : token, ...(renew ? { renew } : {}) });
  }

  /**
   * Any operation of the admin API by its path template (`/admin/v1/realms/{realm}`), answering its
   * data (undefined for a 204); a refusal throws KeyrealmError. Query values left undefined are not sent.
   */
  async request(method: Method, path: string, params: RequestParams = {}): Promise<unknown> {
    const send = this.api[method] as (path: never, init: never) => Promise<{ data?: unknown }>;
    const query = Object.fromEntries(Object.entries(params.query ?? {}).filter(([, value]) => value !== undefined));
    const { data: answer } = await send(path as never, { params: { path: params.path ?? {}, query }, ...(params.body === undefined ? {} : { body: params.body }) } as never);
    return answer;
  }

  /**
   * Signs the operator in to the admin realm with a password (an operator with a second factor uses
   * KeyrealmRealm's flow, then `token`); with `signInAgain`, again whenever the session ends.
   */
  static async signIn(options: OperatorSignIn): Promise<KeyrealmAdmin> {
    const { identifier, password, signInAgain, ...client } = options;
    const session = await operatorSession(options);
    return new KeyrealmAdmin({ ...client, token: session.token }, session.renew);
  }

  /**
   * Acts as an operator application: a machine application of the admin realm with operator grants,
   * whose client-credentials tokens are fetched when first needed and again before they expire.
   */
  static withClientCredentials(options: ClientOptions & { clientId: string; clientSecret: string }): KeyrealmAdmin {
    const { clientId, clientSecret, ...client } = options;
    const tokens = clientCredentialsTokens({ baseUrl: client.baseUrl, clientId, clientSecret, ...(client.fetch ? { fetch: client.fetch } : {}) });
    return new KeyrealmAdmin({ ...client, token: tokens.token }, tokens.renew);
  }

  /** Every realm the operator may see, page by page as the iteration goes. */
  realms(query: Omit<RealmQuery, 'cursor'> = {}): AsyncGenerator<Realm> {
    return paginate((cursor) => data(this.api.GET('/admin/v1/realms', { params: { query: { ...query, ...(cursor ? { cursor } : {}) } } }))) as AsyncGenerator<Realm>;
  }

  /** A realm's users (filters as the list takes them). */
  users(realm: string, query: Omit<UserQuery, 'cursor'> = {}): AsyncGenerator<User> {
    return paginate((cursor) => data(this.api.GET('/admin/v1/realms/{realm}/users', { params: { path: { realm }, query: { ...query, ...(cursor ? { cursor } : {}) } } }))) as AsyncGenerator<User>;
  }

  /** A realm's event log, newest first (filters as the list takes them). */
  events(realm: string, query: Omit<EventQuery, 'cursor'> = {}): AsyncGenerator<RealmEvent> {
    return paginate((cursor) => data(this.api.GET('/admin/v1/realms/{realm}/events', { params: { path: { realm }, query: { ...query, ...(cursor ? { cursor } : {}) } } }))) as AsyncGenerator<RealmEvent>;
  }

  /**
   * A realm's events live, as they happen (Server-Sent Events), oldest first, with the list's
   * filters; reconnects by itself with the last event's id, so none is missed or seen twice. Runs
   * until `signal` aborts; `lastEventId` resumes after an event seen before.
   */
  followEvents(realm: string, query: Omit<EventQuery, 'cursor' | 'limit'> = {}, options: { signal?: AbortSignal; lastEventId?: string } = {}): AsyncGenerator<RealmEvent> {
    return follow<RealmEvent>(async (lastId) => {
      const { response } = await this.api.GET('/admin/v1/realms/{realm}/events/stream', {
        params: { path: { realm }, query: query as never, header: lastId ? { 'last-event-id': lastId } : {} },
        parseAs: 'stream',
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (!response.body) throw new TypeError('the event stream has no body');
      return response.body;
    }, options);
  }
}
