/**
 * One line of middleware for Fastify, Express and Hono: the bearer token verified
 * (src/verify.ts), the Principal set on the request, and 401 (with `WWW-Authenticate: Bearer`)
 * or 403 answered in the API's error shape. `requireRole`, `requirePermission` and
 * `requireTenant` are conditions for `authorize`. No framework is imported: each adapter only
 * touches the request and reply the framework hands it.
 */
import { KeyrealmError } from './errors.ts';
import { verifyAccessToken, type Principal, type VerifyOptions } from './verify.ts';

export type Condition = (principal: Principal) => boolean;

export const requireRole = (role: string): Condition => (principal) => principal.roles.includes(role);
export const requirePermission = (permission: string): Condition => (principal) => principal.permissions.includes(permission);
export const requireTenant = (tenant: string): Condition => (principal) => principal.tenant === tenant;

export interface GuardOptions extends VerifyOptions {
  /** Every condition must hold, or 403. */
  require?: Condition[];
}

interface Refusal {
  status: 401 | 403;
  headers: Record<string, string>;
  body: { error: { code: string; message: string } };
}

function refusal(error: unknown): Refusal {
  const status = error instanceof KeyrealmError && error.status === 403 ? 403 : 401;
  const code = error instanceof KeyrealmError ? error.code : 'auth.invalid_token';
  const message = error instanceof KeyrealmError ? error.message : 'The access token is invalid.';
  const challenge = status === 401 ? `Bearer error="invalid_token", error_description="${message.replace(/"/g, "'")}"` : 'Bearer error="insufficient_scope"';
  return { status, headers: { 'www-authenticate': challenge, 'cache-control': 'no-store' }, body: { error: { code, message } } };
}

/** The principal of an `Authorization: Bearer …` header, or the refusal to answer. */
export async function authorize(header: string | undefined | null, options: GuardOptions): Promise<{ principal: Principal } | { refusal: Refusal }> {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return { refusal: { ...refusal(new KeyrealmError({ status: 401, code: 'auth.missing_token', message: 'Send an access token: Authorization: Bearer <token>.' })), headers: { 'www-authenticate': 'Bearer', 'cache-control': 'no-store' } } };
  try {
    const principal = await verifyAccessToken(token, options);
    if (options.require?.some((condition) => !condition(principal))) return { refusal: refusal(new KeyrealmError({ status: 403, code: 'auth.forbidden', message: 'The access token does not allow this.' })) };
    return { principal };
  } catch (error) {
    if (error instanceof KeyrealmError) return { refusal: refusal(error) };
    throw error;
  }
}

/** Fastify: `app.addHook('preHandler', fastifyGuard(options))`; then `request.principal`. */
export function fastifyGuard(options: GuardOptions) {
  return async (request: { headers: Record<string, string | string[] | undefined>; principal?: Principal }, reply: { code(status: number): unknown; headers(h: Record<string, string>): unknown; send(body: unknown): unknown }) => {
    const outcome = await authorize(request.headers.authorization as string | undefined, options);
    if ('refusal' in outcome) {
      reply.code(outcome.refusal.status);
      reply.headers(outcome.refusal.headers);
      return reply.send(outcome.refusal.body);
    }
    request.principal = outcome.principal;
  };
}

/** Express: `app.use(expressGuard(options))`; then `req.principal`. */
export function expressGuard(options: GuardOptions) {
  return (req: { headers: Record<string, string | string[] | undefined>; principal?: Principal }, res: { status(code: number): { set(h: Record<string, string>): { json(body: unknown): unknown } } }, next: (error?: unknown) => void) => {
    authorize(req.headers.authorization as string | undefined, options).then((outcome) => {
      if ('refusal' in outcome) return void res.status(outcome.refusal.status).set(outcome.refusal.headers).json(outcome.refusal.body);
      req.principal = outcome.principal;
      next();
    }, next);
  };
}

/** Hono: `app.use('/api/*', honoGuard(options))`; then `c.get('principal')`. */
export function honoGuard(options: GuardOptions) {
  return async (c: { req: { header(name: string): string | undefined }; set(key: 'principal', value: Principal): void; json(body: unknown, status: number, headers: Record<string, string>): Response }, next: () => Promise<void>) => {
    const outcome = await authorize(c.req.header('authorization'), options);
    if ('refusal' in outcome) return c.json(outcome.refusal.body, outcome.refusal.status, outcome.refusal.headers);
    c.set('principal', outcome.principal);
    await next();
  };
}

export type { Principal };
