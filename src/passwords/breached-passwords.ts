/**
 * Whether a password appears in a breach corpus, asked of a k-anonymity range API (Have I Been
 * Pwned's Pwned Passwords, or anything that answers the same way). Only the first 5 hex digits of
 * the password's SHA-1 leave the server; the answer lists every suffix under that prefix and is
 * matched here. `Add-Padding: true` asks for decoy lines (count 0) so that the answer's size does
 * not hint at the prefix either. Neither the password nor its full hash is ever logged.
 *
 * The URL is a realm setting, and anyone who sets a password makes the request: it goes through
 * safeGet (src/platform/safe-post.ts), so it reaches only public addresses over https, follows no
 * redirect and reads a bounded answer.
 */
import { createHash } from 'node:crypto';
import { NoAnswerInTime, RefusedDestination, safeGet } from '../platform/safe-post.ts';
import { normalizePassword } from './password-text.ts';

export type BreachStatus = 'breached' | 'clean' | 'unavailable';

/** Asks `rangeUrl` about the password; never throws: anything that is not a clear answer is `unavailable`. */
export type BreachedCheck = (password: string, rangeUrl: string) => Promise<BreachStatus>;

export interface BreachedCheckOptions {
  /** How long the whole request, body included, may take. */
  timeoutMs?: number;
  /** Told why a check could not be made (for a log line); never given the password or its hash. */
  onUnavailable?: (problem: { host: string; reason: string }) => void;
  /** Plain http and loopback addresses too (development and tests: KEYREALM_ALLOW_INSECURE_UPSTREAMS). */
  allowInsecure?: boolean;
}

export const DEFAULT_BREACH_TIMEOUT_MS = 3000;
/** A padded range answer is about 40 KB (800–1,000 lines of 40 bytes); more is no range answer. */
export const MAX_RANGE_BYTES = 256 * 1024;

const PREFIX_LENGTH = 5;
// SUFFIX:COUNT, the suffix being the other 35 hex digits of the SHA-1.
const RANGE_LINE = /^([0-9A-Fa-f]{35}):(\d+)$/;

/** The upper-case hex SHA-1 of the password's NFKC form, split where the API splits it. */
export function rangeKey(password: string): { prefix: string; suffix: string } {
  const hash = createHash('sha1').update(normalizePassword(password), 'utf8').digest('hex').toUpperCase();
  return { prefix: hash.slice(0, PREFIX_LENGTH), suffix: hash.slice(PREFIX_LENGTH) };
}

/** `range_url` is the prefix's parent: one without a trailing slash gets one. */
export function rangeRequestUrl(rangeUrl: string, prefix: string): string {
  return `${rangeUrl.endsWith('/') ? rangeUrl : `${rangeUrl}/`}${prefix}`;
}

/** 'breached' when the suffix is listed with a count above zero; undefined when the body is no range answer at all. */
export function findSuffix(body: string, suffix: string): 'breached' | 'clean' | undefined {
  let rangeLines = 0;
  for (const line of body.split(/\r?\n/)) {
    const match = RANGE_LINE.exec(line.trim());
    if (!match) continue;
    rangeLines += 1;
    // Padding lines carry a count of 0 and stand for no real breach.
    if (match[1].toUpperCase() === suffix && Number(match[2]) > 0) return 'breached';
  }
  // A real range always has lines (every prefix is in use, and padding adds more); an empty or
  // foreign body (a proxy's error page) is no evidence that the password is clean.
  return rangeLines > 0 ? 'clean' : undefined;
}

export function createBreachedPasswordCheck(options: BreachedCheckOptions = {}): BreachedCheck {
  const timeoutMs = options.timeoutMs ?? DEFAULT_BREACH_TIMEOUT_MS;
  const allowInsecure = options.allowInsecure ?? false;
  const unavailable = (url: string, reason: string): BreachStatus => {
    options.onUnavailable?.({ host: hostOf(url), reason });
    return 'unavailable';
  };

  return async (password, rangeUrl) => {
    const { prefix, suffix } = rangeKey(password);
    const url = rangeRequestUrl(rangeUrl, prefix);
    // Parsed, as the request will be: `HTTPS://…` is https too.
    if (!allowInsecure && (!URL.canParse(url) || new URL(url).protocol !== 'https:')) return unavailable(url, 'only https range APIs are asked');
    try {
      const answer = await safeGet(url, { headers: { 'add-padding': 'true' }, timeoutMs, maxResponseBytes: MAX_RANGE_BYTES, allowLoopback: allowInsecure });
      if (answer.status !== 200) return unavailable(url, `answered ${answer.status}`);
      if (answer.truncated) return unavailable(url, `answered more than ${MAX_RANGE_BYTES} bytes`);
      return findSuffix(answer.body, suffix) ?? unavailable(url, 'answered something that is not a range');
    } catch (error) {
      if (error instanceof RefusedDestination) return unavailable(url, `refused: ${error.message}`);
      if (error instanceof NoAnswerInTime) return unavailable(url, `no answer within ${timeoutMs} ms`);
      return unavailable(url, `unreachable (${errorSummary(error)})`);
    }
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid url)';
  }
}

/** A network error's code (ECONNREFUSED, ENOTFOUND), else its message (the timeout's). */
function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.message;
}
