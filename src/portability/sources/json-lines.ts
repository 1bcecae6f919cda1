import { textLines } from './text-lines.ts';
import { isObject, unreadable, type ByteStream, type SourceRow } from './source.ts';

/** JSON lines: one object per line, each turned into a user by `convert` (a row's own refusal, or the user). */
export async function* jsonLineRows(body: ByteStream, convert: (value: Record<string, unknown>, row: number) => SourceRow): AsyncGenerator<SourceRow> {
  for await (const read of textLines(body)) {
    const { line } = read;
    if ('notUtf8' in read) {
      yield unreadable(line, 'is not UTF-8 text');
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(read.text);
    } catch {
      yield unreadable(line, 'is not valid JSON');
      continue;
    }
    yield isObject(value) ? convert(value, line) : unreadable(line, 'is not a JSON object');
  }
}

/** Fields `users export` writes that the server sets itself: dropped, so an export imports as it is. */
const SERVER_SET = ['id', 'realm_id', 'locked', 'locked_reason', 'has_password', 'signed_up', 'last_login_at', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version'];

/** Keyrealm's own form: each line is a user as `POST …/users` takes it, or as `users export` writes one. */
export function keyrealmRows(body: ByteStream): AsyncGenerator<SourceRow> {
  return jsonLineRows(body, (user, row) => ({ row, user: Object.fromEntries(Object.entries(user).filter(([key]) => !SERVER_SET.includes(key))) }));
}
