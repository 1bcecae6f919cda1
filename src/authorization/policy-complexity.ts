import { AppError } from '../errors.ts';
import { positionOf } from './policy-cedar.ts';

/**
 * Bounds on how deep a policy may nest, checked on the text before Cedar sees it. Cedar's parser,
 * validator and evaluator recurse on the expression tree inside WebAssembly, whose stack is small
 * and fixed: measured with cedar-wasm 4.x, about 150 nested brackets overflow it while parsing, and
 * a chain of about 400 operators (`1+1+…`, nested `if`, `a.b.c…`) while deciding. An overflow is
 * not an error Cedar reports but a trap that leaves the instance unusable for every realm of the
 * process (src/authorization/policy-cedar.ts recovers, but must never need to for stored text).
 * Well inside those: 32 levels of brackets, and 256 operators in one policy (a long but real
 * policy of 50 conditions uses about 150), both together measured safe.
 */
export const complexityLimits = { nesting: 32, operatorsPerPolicy: 256 };

const OPENING = '([{';
const CLOSING = ')]}';
/** Characters operators are made of: a run of them (`==`, `&&`, `<=`, `.`) counts as one operator. */
const OPERATOR_CHARS = '+-*.!<>=&|';
/** Keywords that make a node of the expression tree. */
const OPERATOR_WORDS = new Set(['if', 'has', 'like', 'is', 'in']);

function tooComplex(text: string, offset: number, issue: string): never {
  const { line, column } = positionOf(text, Buffer.byteLength(text.slice(0, offset), 'utf8'));
  throw new AppError('policy.too_complex', `The policy is too complex: line ${line}, column ${column}: ${issue}.`, {
    details: [{ field: 'policy', issue: `line ${line}, column ${column}: ${issue}` }],
  });
}

/** The end of the string literal opening at `start` (its closing quote, or the text's end). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

/**
 * Refuses text nesting brackets deeper than `complexityLimits.nesting`, or with more operators in one
 * policy (up to a `;` outside brackets) than `operatorsPerPolicy`: 422 `policy.too_complex` with the
 * position. A lexical scan (strings and `//` comments skipped), so it cannot itself recurse.
 */
export function checkComplexity(text: string): void {
  let depth = 0;
  let operators = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === '"') {
      i = endOfString(text, i) + 1;
    } else if (char === '/' && text[i + 1] === '/') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline + 1;
    } else if (OPENING.includes(char)) {
      depth += 1;
      if (depth > complexityLimits.nesting) tooComplex(text, i, `brackets nest at most ${complexityLimits.nesting} deep`);
      i += 1;
    } else if (CLOSING.includes(char)) {
      depth = Math.max(0, depth - 1);
      i += 1;
    } else if (char === ';' && depth === 0) {
      operators = 0;
      i += 1;
    } else if (OPERATOR_CHARS.includes(char)) {
      while (i < text.length && OPERATOR_CHARS.includes(text[i] as string)) i += 1;
      operators += 1;
      if (operators > complexityLimits.operatorsPerPolicy) tooComplex(text, i - 1, `a policy holds at most ${complexityLimits.operatorsPerPolicy} operators`);
    } else if (/[A-Za-z_]/.test(char)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i] as string)) i += 1;
      if (OPERATOR_WORDS.has(text.slice(start, i))) {
        operators += 1;
        if (operators > complexityLimits.operatorsPerPolicy) tooComplex(text, start, `a policy holds at most ${complexityLimits.operatorsPerPolicy} operators`);
      }
    } else {
      i += 1;
    }
  }
}
