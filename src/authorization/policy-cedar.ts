import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';
import { memoise } from '../platform/lazy.ts';

/**
 * Cedar (`@cedar-policy/cedar-wasm`), loaded by the first policy saved or decision asked: its
 * WebAssembly module costs an idle process memory it may never need.
 */
export type Cedar = typeof CedarWasm;
export const loadCedar: () => Promise<Cedar> = memoise(() => import('@cedar-policy/cedar-wasm/nodejs'));

/** Where in a module's text Cedar found a problem: 1-based line and column (in characters). */
export interface PolicyProblem {
  message: string;
  line: number | null;
  column: number | null;
  /** The policy's id within its module, when the problem belongs to one policy. */
  policy?: string;
}

/** Cedar reports UTF-8 byte offsets into the text; people count lines and characters. */
export function positionOf(text: string, byteOffset: number): { line: number; column: number } {
  const before = Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: [...(lines.at(-1) ?? '')].length + 1 };
}

export function problemOf(text: string, error: CedarWasm.DetailedError, policy?: string): PolicyProblem {
  const at = error.sourceLocations?.[0];
  const position = at === undefined ? { line: null, column: null } : positionOf(text, at.start);
  const help = error.help ? ` (${error.help})` : '';
  const label = at?.label ? `: ${at.label}` : '';
  return { message: `${error.message}${label}${help}`, ...position, ...(policy === undefined ? {} : { policy }) };
}
