/**
 * Reads one JSON object from a byte stream without holding it whole: its top-level members come
 * one by one, and the members named as streamed (big arrays such as `users`) element by element.
 * Tokens come from stream-json's parser; each value is put together by its Assembler.
 */
import { Readable } from 'node:stream';
import type Assembler from 'stream-json/assembler.js';
import type { parser } from 'stream-json';
import { AppError } from '../../errors.ts';
import { NotUtf8Error, utf8Checked } from './utf8-checked.ts';
import { isObject, unreadable, type ByteStream, type SourceRow } from './source.ts';

export type DocumentPart = { key: string; value: unknown; element: false } | { key: string; value: unknown; element: true; index: number };

/** Deeper than any value a user or setting legitimately has (the API's own limit is 32 per body). */
const MAX_DEPTH = 40;

type Token = parser.Token;

const opens = (name: string) => name === 'startObject' || name === 'startArray';
const closes = (name: string) => name === 'endObject' || name === 'endArray';

/** Bounds on what is put together in memory: one member of the document, one element of a streamed array. */
const DOCUMENT_LIMITS = { memberBytes: 64 * 1024 ** 2, elementBytes: 1024 ** 2 };

export interface DocumentReading {
  /** Members that are big arrays, read element by element (`users`). */
  streamed: ReadonlySet<string>;
  /** The only members wanted (others are read past without being put together); absent: all. */
  wanted?: ReadonlySet<string>;
}

/** The document's parts; a body that is not one JSON object, or is cut short, throws `import.malformed_document`. */
export async function* documentParts(body: ByteStream, reading: DocumentReading): AsyncGenerator<DocumentPart> {
  const { streamed, wanted } = reading;
  // The parser holds a whole string, number or key until it ends; its own bound refuses one longer
  // than an element may be before it is held (no single value of a document is that long).
  // Imported here: only an import reads documents, and a server that never imports need not hold the parser.
  const [{ default: chain }, { parser }, { default: Assembler }] = await Promise.all([import('stream-chain'), import('stream-json'), import('stream-json/assembler.js')]);
  const tokens = chain([Readable.from(utf8Checked(body), { objectMode: false }), parser({ streamValues: false, maxPackedLength: DOCUMENT_LIMITS.elementBytes })]);
  let inArray = false;
  let skipping = false;
  let depth = 0;
  let started = false;
  let key: string | undefined;
  let index = 0;
  let assembler: Assembler | undefined;
  let size = 0;
  try {
    for await (const token of tokens as AsyncIterable<Token>) {
      const before = depth;
      if (opens(token.name)) depth++;
      else if (closes(token.name)) depth--;
      if (depth > MAX_DEPTH) throw new AppError('request.too_deeply_nested', `The document nests more than ${MAX_DEPTH} levels deep.`);
      if (before === 0) {
        if (started || token.name !== 'startObject') throw malformed(started ? 'holds more than one JSON value' : 'is not a JSON object');
        started = true;
        continue;
      }
      if (skipping) {
        // A member nobody wants is read past, never put together: it ends with a token that
        // leaves the depth at 1 (a plain value, or the close of its object or array).
        if (depth === 1) skipping = false;
        continue;
      }
      if (!assembler) {
        if (before === 1 && token.name === 'keyValue') {
          key = (token as { value: string }).value;
          if (wanted && !wanted.has(key)) skipping = true;
          continue;
        }
        if (before === 1 && token.name === 'endObject') continue;
        if (before === 1 && token.name === 'startArray' && key !== undefined && streamed.has(key)) {
          inArray = true;
          index = 0;
          continue;
        }
        if (before === 2 && inArray && token.name === 'endArray') {
          inArray = false;
          continue;
        }
        assembler = new Assembler();
        size = 0;
      }
      size += 16 + ((token as { value?: string }).value?.length ?? 0);
      if (size > (inArray ? DOCUMENT_LIMITS.elementBytes : DOCUMENT_LIMITS.memberBytes)) {
        const what = inArray ? `An element of the document's ${key}` : `The document's ${key}`;
        throw new AppError('request.body_too_large', `${what} is larger than ${(inArray ? DOCUMENT_LIMITS.elementBytes : DOCUMENT_LIMITS.memberBytes) / 1024 ** 2} MiB.`);
      }
      assembler.consume(token);
      if (assembler.done && key !== undefined) {
        yield inArray ? { key, value: assembler.current, element: true, index: index++ } : { key, value: assembler.current, element: false };
        assembler = undefined;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof NotUtf8Error) throw malformed(error.message.replace(/^it /, ''));
    if (error instanceof RangeError && error.message.includes('maxPackedLength')) {
      throw new AppError('request.body_too_large', `The document holds a single value larger than ${DOCUMENT_LIMITS.elementBytes / 1024 ** 2} MiB.`);
    }
    throw malformed(`is not valid JSON (${(error as Error).message})`);
  }
  if (!started || depth !== 0) throw malformed('ends before its JSON object does');
}

function malformed(why: string): AppError {
  return new AppError('import.malformed_document', `The document ${why}.`);
}

/** The elements of a document's array member (Keycloak's and Firebase's `users`), each turned into a user by `convert`; rows count from 1. */
export async function* documentArrayRows(body: ByteStream, member: string, convert: (value: Record<string, unknown>, row: number) => SourceRow): AsyncGenerator<SourceRow> {
  for await (const part of documentParts(body, { streamed: new Set([member]), wanted: new Set([member]) })) {
    if (part.key !== member || !part.element) continue;
    const row = part.index + 1;
    yield isObject(part.value) ? convert(part.value, row) : unreadable(row, 'is not a JSON object');
  }
}
