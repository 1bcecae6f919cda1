import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';

/** Parsers for option values: a bad one is a usage error (exit 2) naming the option. */
export function positiveInteger(max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    return value;
  };
}

/** `--set key=value` pairs, collected; values that parse as JSON (numbers, true, objects) are taken as such. */
export function keyValue(raw: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const at = raw.indexOf('=');
  if (at < 1) throw new InvalidArgumentError('expected key=value');
  const key = raw.slice(0, at);
  const text = raw.slice(at + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Plain text.
  }
  return setPath(previous, key.split('.'), value);
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...target, [head]: value };
  const inner = (target[head] && typeof target[head] === 'object' ? target[head] : {}) as Record<string, unknown>;
  return { ...target, [head]: setPath(inner, rest, value) };
}

/** A JSON body from `--data '{…}'` or `--data @file.json`, merged under the `--set` pairs. */
export function bodyOf(options: { data?: string; set?: Record<string, unknown> }): Record<string, unknown> {
  let body: Record<string, unknown> = {};
  if (options.data !== undefined) {
    const text = options.data.startsWith('@') ? readFileSync(options.data.slice(1), 'utf8') : options.data;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new InvalidArgumentError('--data is not JSON');
    }
  }
  return { ...body, ...(options.set ?? {}) };
}
