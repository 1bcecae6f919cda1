import { createRequire } from 'node:module';
import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';

/**
 * Cedar (`@cedar-policy/cedar-wasm`), loaded by the first policy saved or decision asked: its
 * WebAssembly module costs an idle process memory it may never need.
 */
export type Cedar = typeof CedarWasm;

const require = createRequire(import.meta.url);
const CEDAR_PATH = require.resolve('@cedar-policy/cedar-wasm/nodejs');

let current: Cedar | undefined;
const resetListeners = new Set<() => void>();

/** The process's Cedar instance if it is loaded: what a decision's path uses without waiting. */
export const loadedCedar = (): Cedar | undefined => current;

/** The process's Cedar instance, instantiated on first use (again after a reset). */
export async function loadCedar(): Promise<Cedar> {
  if (!current) {
    // The package's Node build instantiates its WebAssembly when required: out of require's cache,
    // a second require is a new instance with fresh memory.
    delete require.cache[CEDAR_PATH];
    current = require(CEDAR_PATH) as Cedar;
  }
  return current;
}

/**
 * A trap inside Cedar (a stack overflow: `RuntimeError: memory access out of bounds`, or
 * `unreachable`) is no answer: the instance's memory may be corrupt and every later call fails.
 */
export const isCedarFault = (error: unknown): boolean => error instanceof (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } }).WebAssembly.RuntimeError;

/**
 * Drops the instance after a fault: the next call loads a fresh one. Whatever refers to the old
 * one's state (preparsed policy sets, answers remembered against their ids) hears it and forgets.
 */
export function resetCedar(): void {
  current = undefined;
  for (const listener of resetListeners) listener();
}

export function onCedarReset(listener: () => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}

/** Whether `cedar` is still the live instance (work scheduled against an old one is skipped). */
export const isCurrentCedar = (cedar: Cedar): boolean => cedar === current;

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
