/**
 * Reads one JSON object from a byte stream without holding it whole: its top-level members come
 * one by one, and the members named as streamed (big arrays such as `users`) element by element.
 * Tokens come from stream-json's parser; each value is put together by its Assembler.
 */
import { Readable } from 'node:stream';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import Assembler from 'stream-json/assembler.js';
import { AppError } from '../../errors.ts';
import type { ByteStream } from './source.ts';

export type DocumentPart = { key: string; value: unknown; element: false } | { key: string; value: unknown; element: true; index: number };

/** Deeper than any value a user or setting legitimately has (the API's own limit is 32 per body). */
const MAX_DEPTH = 40;

type Token = parser.Token;

const opens = (name: string) => name === 'startObject' || name === 'startArray';
const closes = (name: string) => name === 'endObject' || name === 'endArray';

/** The document's parts; a body that is not one JSON object, or is cut short, throws `import.malformed_document`. */
export async function* documentParts(body: ByteStream, streamed: ReadonlySet<string>): AsyncGenerator<DocumentPart> {
  const tokens = chain([Readable.from(body, { objectMode: false }), parser({ streamValues: false })]);
  let depth = 0;
  let started = false;
  let key: string | undefined;
  let inArray = false;
  let index = 0;
  let assembler: Assembler | undefined;
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
      if (!assembler) {
        if (before === 1 && token.name === 'keyValue') {
          key = (token as { value: string }).value;
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
      }
      assembler.consume(token);
      if (assembler.done && key !== undefined) {
        yield inArray ? { key, value: assembler.current, element: true, index: index++ } : { key, value: assembler.current, element: false };
        assembler = undefined;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw malformed(`is not valid JSON (${(error as Error).message})`);
  }
  if (!started || depth !== 0) throw malformed('ends before its JSON object does');
}

function malformed(why: string): AppError {
  return new AppError('import.malformed_document', `The document ${why}.`);
}
