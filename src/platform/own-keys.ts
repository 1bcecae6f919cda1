/**
 * Sets `key` on an object being built as its own property, as Object.fromEntries and JSON.parse
 * do. Assigned, a key named `__proto__` would call Object.prototype's setter instead: the key would
 * vanish (a string value) or replace the object's prototype (an object value), and whatever reads
 * the object afterwards would see something else than what was given.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
