/**
 * Enumeration timing: for each endpoint that must not tell whether an account exists (sign-up,
 * forgot-password, resend-verification, a sign-in code or link by email), alternate requests for an existing and an unknown
 * address, one at a time, and report the median latency of each and their difference. A report,
 * not a test: the goal is a difference under 5 ms.
 */
import { performance } from 'node:perf_hooks';

export interface EnumerationRow {
  endpoint: string;
  samples: number;
  existing_median_ms: number;
  unknown_median_ms: number;
  difference_ms: number;
  statuses: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function timed(url: string, body: unknown): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

/** Alternates the two kinds of request (existing first on even rounds, unknown first on odd ones) after a warm-up. */
async function compare(endpoint: string, url: string, existing: (i: number) => unknown, unknown: (i: number) => unknown, samples: number): Promise<EnumerationRow> {
  for (let i = 0; i < 3; i++) {
    await timed(url, existing(-1 - i));
    await timed(url, unknown(-1 - i));
  }
  const times = { existing: [] as number[], unknown: [] as number[] };
  const statuses = new Set<string>();
  for (let i = 0; i < samples; i++) {
    const order: ('existing' | 'unknown')[] = i % 2 === 0 ? ['existing', 'unknown'] : ['unknown', 'existing'];
    for (const kind of order) {
      const result = await timed(url, kind === 'existing' ? existing(i) : unknown(i));
      times[kind].push(result.ms);
      statuses.add(`${kind} ${result.status}`);
      // Let background work (the message for an existing address) finish between samples.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const existingMedian = median(times.existing);
  const unknownMedian = median(times.unknown);
  return {
    endpoint,
    samples,
    existing_median_ms: existingMedian,
    unknown_median_ms: unknownMedian,
    difference_ms: existingMedian - unknownMedian,
    statuses: [...statuses].sort().join(', '),
  };
}

export async function measureEnumeration(base: string, realmSlug: string, existingEmail: string, samples: number): Promise<EnumerationRow[]> {
  const auth = `${base}/realms/${realmSlug}/auth`;
  const password = 'a fairly long passphrase for timing';
  const run = Date.now().toString(36);
  return [
    await compare(
      'POST /auth/register',
      `${auth}/register`,
      () => ({ email: existingEmail, password }),
      (i) => ({ email: `new-${run}-${i}@example.com`, password }),
      samples,
    ),
    await compare('POST /auth/forgot-password', `${auth}/forgot-password`, () => ({ identifier: existingEmail }), (i) => ({ identifier: `nobody-${run}-${i}@example.com` }), samples),
    await compare(
      'POST /auth/verify-email/resend',
      `${auth}/verify-email/resend`,
      () => ({ email: existingEmail }),
      (i) => ({ email: `nobody-${run}-${i}@example.com` }),
      samples,
    ),
    await compare('POST /auth/magic-link', `${auth}/magic-link`, () => ({ identifier: existingEmail }), (i) => ({ identifier: `nobody-${run}-${i}@example.com` }), samples),
    await compare('POST /auth/otp/email', `${auth}/otp/email`, () => ({ identifier: existingEmail }), (i) => ({ identifier: `nobody-${run}-${i}@example.com` }), samples),
  ];
}
