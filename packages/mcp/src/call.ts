import { KeyrealmError, type KeyrealmAdmin } from '@keyrealm/sdk';

/**
 * A tool's request to the admin API through the operator's client: the operator's own token, so
 * the API enforces their permissions; a refusal becomes the tool's error (code and message), which
 * the assistant reads and can act on.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CallParams {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export async function call(admin: KeyrealmAdmin, method: Method, path: string, params: CallParams = {}): Promise<unknown> {
  const send = admin.api[method] as (path: never, init: never) => Promise<{ data?: unknown }>;
  const query = Object.fromEntries(Object.entries(params.query ?? {}).filter(([, value]) => value !== undefined));
  const { data } = await send(path as never, { params: { path: params.path ?? {}, query }, ...(params.body === undefined ? {} : { body: params.body }) } as never);
  return data;
}

export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** What the tool answers: one concise sentence first, then the data as JSON. */
export function answer(summary: string, data?: unknown): ToolResult {
  const text = data === undefined ? summary : `${summary}\n${JSON.stringify(data, null, 2)}`;
  return { content: [{ type: 'text', text }], ...(data !== null && typeof data === 'object' && !Array.isArray(data) ? { structuredContent: data as Record<string, unknown> } : {}) };
}

/** A refusal as the tool's error: the API's code and message (and the fields it names), or what failed. */
export function failure(error: unknown): ToolResult {
  if (error instanceof KeyrealmError) {
    const fields = error.details.map((detail) => `${detail.field}: ${detail.issue}`).join('; ');
    return { content: [{ type: 'text', text: `Refused (${error.status} ${error.code}): ${error.message}${fields ? ` — ${fields}` : ''}` }], isError: true };
  }
  return { content: [{ type: 'text', text: `Failed: ${error instanceof Error ? error.message : String(error)}` }], isError: true };
}

/** Runs a tool's work, answering any refusal as its error. */
export async function guarded(work: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await work();
  } catch (error) {
    return failure(error);
  }
}

/** Destructive tools refuse to run without `confirm: true`, saying what would happen. */
export function unconfirmed(what: string): ToolResult {
  return { content: [{ type: 'text', text: `Not done: this ${what}. Ask the operator, then call again with confirm: true.` }], isError: true };
}
