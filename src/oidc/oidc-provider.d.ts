/**
 * The part of oidc-provider's API Keyrealm uses (the package ships no types). Shapes follow its
 * documentation (node_modules/oidc-provider, docs/README.md upstream); fields not used are omitted.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface OidcModel {
    jti: string;
    kind: string;
    grantId?: string;
    accountId?: string;
    clientId?: string;
    sessionUid?: string;
    authTime?: number;
    acr?: string;
    amr?: string[];
    scope?: string;
    aud?: string;
    exp?: number;
    iat?: number;
    resourceServer?: unknown;
    expiration?: number;
    save(ttl?: number): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface OidcGrant extends OidcModel {
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    getOIDCScope(): string;
  }

  export interface OidcClient {
    clientId: string;
    clientAuthMethod: string;
    redirectUris: string[];
    compareClientSecret(actual: string): Promise<boolean> | boolean;
    backchannelLogoutUri?: string;
    /** Posts a logout token for `sub` (and `sid` when the client asked for it) to backchannelLogoutUri. */
    backchannelLogout(sub: string, sid: string): Promise<void>;
  }

  export interface OidcSession {
    uid: string;
    accountId?: string;
    acr?: string;
    amr?: string[];
    loginTs?: number;
    authTime(): number | undefined;
  }

  export interface InteractionDetails {
    uid: string;
    jti: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string; uid?: string; cookie?: string };
    grantId?: string;
    lastSubmission?: Record<string, unknown>;
    result?: Record<string, unknown>;
    returnTo: string;
    exp: number;
  }

  export interface OidcContext {
    route: string;
    client?: OidcClient;
    params: Record<string, unknown>;
    entities: Record<string, (OidcModel & Record<string, unknown>) | undefined>;
    session?: OidcSession & { grantIdFor(clientId: string): string | undefined };
    result?: Record<string, unknown>;
    provider: Provider;
  }

  export interface KoaContext {
    oidc: OidcContext;
    req: IncomingMessage;
    res: ServerResponse;
    request: object;
    path: string;
    method: string;
    status: number;
    type: string;
    body: unknown;
    set(name: string, value: string): void;
    get(name: string): string;
    /** The request's media type if it is one of these (Koa's type-is: any case, parameters ignored), else false. */
    is(...types: string[]): string | false | null;
  }

  export type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    static get ctx(): KoaContext | undefined;
    readonly issuer: string;
    /** Koa's prototype of this provider's `ctx.request` objects (one per provider). */
    readonly request: object;
    Client: { prototype: OidcClient; find(id: string): Promise<OidcClient | undefined> };
    Grant: (new (input: { accountId: string; clientId: string }) => OidcGrant) & { find(id: string): Promise<OidcGrant | undefined> };
    Session: { find(id: string): Promise<OidcSession | undefined> };
    AccessToken: { find(id: string): Promise<OidcModel | undefined> };
    use(middleware: KoaMiddleware): void;
    on(event: string, listener: (...args: never[]) => void): void;
    emit(event: string, ...args: unknown[]): boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    urlFor(name: string, params?: Record<string, string>): string;
  }

  export const errors: {
    InvalidTarget: new (description?: string) => Error;
    InvalidGrant: new (description?: string) => Error;
    InvalidToken: new (description?: string) => Error;
    AccessDenied: new (description?: string) => Error;
  };

  export const interactionPolicy: {
    base(): { get(name: string): { checks: { add(check: unknown): void } } | undefined } & unknown[];
    Check: new (reason: string, description: string, error: string, check: (ctx: KoaContext) => boolean | Promise<boolean>) => unknown;
  };

  export default Provider;
}
