import createClient, { defaultPathSerializer, type Client } from 'openapi-fetch';
import type { paths } from './generated/openapi.ts';
import { createTransport, type TransportOptions } from './transport.ts';

/** The typed client over every documented operation: `api.GET('/admin/v1/realms', { params })`. */
export type Api = Client<paths>;

export interface ClientOptions extends Omit<TransportOptions, 'token' | 'renew'> {
  /** Where Keyrealm answers, e.g. `https://id.example.com`. */
  baseUrl: string;
}

export function createApi(options: ClientOptions, auth: Pick<TransportOptions, 'token' | 'renew'>): Api {
  const { baseUrl, ...transport } = options;
  return createClient<paths>({ baseUrl: baseUrl.replace(/\/+$/, ''), fetch: createTransport({ ...transport, ...auth }), pathSerializer: checkedPath });
}

/**
 * Path parameters are percent-encoded, but `.` is not, and a URL resolves `.` and `..` segments
 * away: `{ user: '..', role: 'r' }` in `…/users/{user}/roles/{role}` would become `…/roles/r`, another
 * operation (a deletion of the role, not of its assignment); an empty one would leave the segment
 * out. Such a parameter is refused, unsent — and so is any value but a string or a finite number,
 * since an array `['..']` is joined into `..` (found by review) and an object into its entries.
 */
function checkedPath(pathname: string, pathParams: Record<string, unknown>): string {
  for (const [name, value] of Object.entries(pathParams)) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) throw new TypeError(`The path parameter ${name} must be a string or a finite number.`);
    if (['', '.', '..'].includes(String(value))) throw new TypeError(`The path parameter ${name} may not be "${value}".`);
  }
  return defaultPathSerializer(pathname, pathParams);
}

/**
 * The data of an answer. The transport throws a KeyrealmError for every refusal, so an answer that
 * gets here succeeded: its data (undefined for a 204).
 */
export async function data<T>(call: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  return (await call).data as T;
}
