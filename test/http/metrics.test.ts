import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetrics } from '../../src/http/metrics.ts';

// The exposition text prom-client wrote for the same observations, which scrapers and dashboards read.
describe('Prometheus metrics text', () => {
  it('writes counters, cumulative histogram buckets with le first, the pool gauge and the dropped log lines', async () => {
    const metrics = createMetrics(() => ({ total: 3, idle: 2, waiting: 0 }), () => 4);
    metrics.observeRequest('/health', 'GET', 200, 0.125);
    metrics.observeRequest('/health', 'GET', 200, 0.5);
    metrics.observeRequest('/slow', 'POST', 500, 7);
    metrics.signIn('password', 'failure');
    metrics.signIn('password', 'failure');
    const text = await metrics.registry.metrics();
    assert.equal(metrics.registry.contentType, 'text/plain; version=0.0.4; charset=utf-8');
    const health = 'route="/health",method="GET",status="200"';
    const slow = 'route="/slow",method="POST",status="500"';
    const bounds = ['0.001', '0.0025', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5'];
    const expected = [
      '# HELP keyrealm_http_requests_total HTTP requests by route, method and status',
      '# TYPE keyrealm_http_requests_total counter',
      `keyrealm_http_requests_total{${health}} 2`,
      `keyrealm_http_requests_total{${slow}} 1`,
      '',
      '# HELP keyrealm_http_request_duration_seconds HTTP request latency by route, method and status',
      '# TYPE keyrealm_http_request_duration_seconds histogram',
      ...bounds.map((le, i) => `keyrealm_http_request_duration_seconds_bucket{le="${le}",${health}} ${i < 7 ? 0 : i === 7 ? 1 : 2}`),
      `keyrealm_http_request_duration_seconds_bucket{le="+Inf",${health}} 2`,
      `keyrealm_http_request_duration_seconds_sum{${health}} 0.625`,
      `keyrealm_http_request_duration_seconds_count{${health}} 2`,
      ...bounds.map((le) => `keyrealm_http_request_duration_seconds_bucket{le="${le}",${slow}} 0`),
      `keyrealm_http_request_duration_seconds_bucket{le="+Inf",${slow}} 1`,
      `keyrealm_http_request_duration_seconds_sum{${slow}} 7`,
      `keyrealm_http_request_duration_seconds_count{${slow}} 1`,
      '',
      '# HELP keyrealm_sign_ins_total Sign-in attempts by method and result',
      '# TYPE keyrealm_sign_ins_total counter',
      'keyrealm_sign_ins_total{method="password",result="failure"} 2',
      '',
      '# HELP keyrealm_db_pool_connections Database connections by state',
      '# TYPE keyrealm_db_pool_connections gauge',
      'keyrealm_db_pool_connections{state="total"} 3',
      'keyrealm_db_pool_connections{state="idle"} 2',
      'keyrealm_db_pool_connections{state="waiting"} 0',
      '',
      '# HELP keyrealm_log_lines_dropped_total Log lines dropped because standard output did not take them (16 MiB waiting, a failed or closed output)',
      '# TYPE keyrealm_log_lines_dropped_total counter',
      'keyrealm_log_lines_dropped_total 4',
      '',
    ];
    assert.equal(text, expected.join('\n'));
  });

  it('escapes backslashes, quotes and line feeds in label values', async () => {
    const metrics = createMetrics(() => ({ total: 0, idle: 0, waiting: 0 }), () => 0);
    metrics.signIn('a"b\\c\nd', 'success');
    assert.match(await metrics.registry.metrics(), /^keyrealm_sign_ins_total\{method="a\\"b\\\\c\\nd",result="success"\} 1$/m);
  });

  it('lists a metric with no observations by its help and type alone', async () => {
    const text = await createMetrics(() => ({ total: 0, idle: 0, waiting: 0 }), () => 0).registry.metrics();
    assert.match(text, /# TYPE keyrealm_http_requests_total counter\n\n# HELP keyrealm_http_request_duration_seconds/);
  });
});
