/**
 * Paths of the strings (and object keys) holding NUL characters in a parsed JSON body. PostgreSQL
 * cannot store NUL in text, so every route refuses it up front, on every database alike.
 */
export function fieldsWithNul(value: unknown, path: string, found: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => fieldsWithNul(item, path ? `${path}.${i}` : String(i), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key.replaceAll('\u0000', '')}` : key.replaceAll('\u0000', '');
      if (key.includes('\u0000')) found.push(field);
      else fieldsWithNul(item, field, found);
    }
  }
  return found;
}
