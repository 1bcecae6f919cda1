import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RealmLookup } from '../../src/contracts.ts';
import { buildApp } from '../../src/http/app.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { accountPageRoutes } from '../../src/pages/account-pages.ts';
import { unknownPageRoutes } from '../../src/http/pages/page-errors.ts';

/**
 * The hosted pages when the server itself fails: a realm lookup that throws. No database is
 * involved (the failure is the point), so the pages are built over a lookup of the test's own.
 */
async function pagesFailingWith(error: Error) {
  const lookup: RealmLookup = {
    resolve: async () => {
      throw error;
    },
    invalidate: () => {},
  };
  return buildApp({
    logger: false,
    bodyLimit: 102_400,
    trustProxy: false,
    metrics: createMetrics(() => ({ total: 0, idle: 0, waiting: 0 }), () => 0),
    version: '0.0.0-test',
    // The page services are never reached: the realm lookup fails first.
    routes: [accountPageRoutes({ lookup, security: {} as never, verification: {} as never, reset: {} as never }), unknownPageRoutes()],
  });
}

describe('hosted pages when the server fails', () => {
  it('answers a fault of its own with an HTML 500 page that tells nothing of it', async () => {
    const app = await pagesFailingWith(new Error('secret internals'));
    try {
      const response = await app.inject({ method: 'GET', url: '/realms/acme/pages/verify-email?token=abc' });
      assert.equal(response.statusCode, 500);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.match(response.body, /<h1>Something went wrong<\/h1>/);
      assert.ok(!response.body.includes('secret internals'));
    } finally {
      await app.close();
    }
  });

  it('answers an unreachable database with an HTML 503 page and Retry-After', async () => {
    const app = await pagesFailingWith(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    try {
      const response = await app.inject({ method: 'GET', url: '/realms/acme/pages/reset-password?token=abc' });
      assert.equal(response.statusCode, 503);
      assert.equal(response.headers['retry-after'], '1');
      assert.match(response.body, /<h1>Please try again shortly<\/h1>/);
      assert.match(String(response.headers['content-type']), /^text\/html/);
    } finally {
      await app.close();
    }
  });
});
