import { createHash, randomInt } from 'node:crypto';
import { constantTimeEqual } from '../platform/opaque-tokens.ts';

/**
 * One-time codes sent by email or SMS: `length` random digits (6–8), kept only as a hash bound to
 * the flow (the hash is sealed with the rest of the flow's challenge), compared in constant time.
 */
export function newCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += String(randomInt(10));
  return code;
}

export function codeHash(flowId: string, code: string): string {
  return createHash('sha256').update(`${flowId}:${code}`).digest('base64url');
}

export function codeMatches(flowId: string, code: string, expectedHash: string): boolean {
  return constantTimeEqual(codeHash(flowId, code.trim()), expectedHash);
}
