/**
 * Prometheus metrics, one set per server so tests and workers never share state, written in the
 * text exposition format (version 0.0.4) by this file itself: the four metrics below are all we
 * expose, and prom-client with its @opentelemetry/api dependency cost every process about 20 MB.
 * Names, labels, buckets and layout are prom-client's, so dashboards and scrapers see no change.
 */

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** A label value as the format quotes it: backslash, double quote and line feed escaped. */
const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** `{a="x",b="y"}` for the names and values given in order; empty when there are none. */
function labelText(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return '';
  return `{${names.map((name, i) => `${name}="${escapeLabel(values[i] as string)}"`).join(',')}}`;
}

const sample = (value: number) => (value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value));

const header = (name: string, help: string, type: string) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;

/** A counter by label set, keyed by the series' label text (made once, where the series first appears). */
function counter(name: string, help: string) {
  const values = new Map<string, number>();
  return {
    inc(labels: string): void {
      values.set(labels, (values.get(labels) ?? 0) + 1);
    },
    render(): string {
      let text = header(name, help, 'counter');
      for (const [labels, value] of values) text += `${name}${labels} ${sample(value)}\n`;
      return text;
    },
  };
}

/** One label set of a histogram: a count per bucket (made cumulative when written), the sum and count. */
interface HistogramSeries {
  /** The label pairs without braces, so `le` can go first as prom-client writes it. */
  pairs: string;
  buckets: number[];
  sum: number;
  count: number;
}

function histogram(name: string, help: string, bounds: readonly number[]) {
  const all = new Map<string, HistogramSeries>();
  return {
    /** The series for a label text, made on first use; callers keep it so observing is one call. */
    series(labels: string): HistogramSeries {
      let series = all.get(labels);
      if (!series) {
        series = { pairs: labels.slice(1, -1), buckets: new Array<number>(bounds.length).fill(0), sum: 0, count: 0 };
        all.set(labels, series);
      }
      return series;
    },
    observe(series: HistogramSeries, value: number): void {
      const bucket = bounds.findIndex((bound) => value <= bound);
      if (bucket >= 0) series.buckets[bucket]! += 1;
      series.sum += value;
      series.count += 1;
    },
    render(): string {
      let text = header(name, help, 'histogram');
      for (const [labels, series] of all) {
        const after = series.pairs ? `,${series.pairs}` : '';
        let cumulative = 0;
        bounds.forEach((bound, i) => {
          cumulative += series.buckets[i]!;
          text += `${name}_bucket{le="${bound}"${after}} ${cumulative}\n`;
        });
        text += `${name}_bucket{le="+Inf"${after}} ${series.count}\n`;
        text += `${name}_sum${labels} ${sample(series.sum)}\n`;
        text += `${name}_count${labels} ${series.count}\n`;
      }
      return text;
    },
  };
}

const REQUEST_LABELS = ['route', 'method', 'status'] as const;
const SIGN_IN_LABELS = ['method', 'result'] as const;
const POOL_STATES = ['total', 'idle', 'waiting'] as const;

/**
 * `droppedLogLines`: log lines lost since start because standard output stopped taking them (see
 * src/platform/log-destination.ts), so a stalled log shipper is seen before its gap is.
 */
export function createMetrics(poolStats: () => { total: number; idle: number; waiting: number }, droppedLogLines: () => number) {
  const requests = counter('keyrealm_http_requests_total', 'HTTP requests by route, method and status');
  const latency = histogram('keyrealm_http_request_duration_seconds', 'HTTP request latency by route, method and status', LATENCY_BUCKETS);
  const signIns = counter('keyrealm_sign_ins_total', 'Sign-in attempts by method and result');
  const poolName = 'keyrealm_db_pool_connections';
  const droppedName = 'keyrealm_log_lines_dropped_total';

  const renderPool = () => {
    const stats = poolStats();
    let text = header(poolName, 'Database connections by state', 'gauge');
    for (const state of POOL_STATES) text += `${poolName}${labelText(['state'], [state])} ${sample(stats[state])}\n`;
    return text;
  };

  // Routes are the registered patterns (or 'unmatched'), so this stays small. The label text and
  // histogram series are made once per label set, not on every request.
  const boundRequestMetrics = new Map<string, { labels: string; latency: HistogramSeries }>();
  return {
    registry: {
      contentType: CONTENT_TYPE,
      /** Every metric in the text format, one blank line between metrics as prom-client writes them. */
      async metrics(): Promise<string> {
        const dropped = `${header(droppedName, 'Log lines dropped because standard output did not take them (16 MiB waiting, a failed or closed output)', 'counter')}${droppedName} ${droppedLogLines()}\n`;
        return [requests.render(), latency.render(), signIns.render(), renderPool(), dropped].join('\n');
      },
    },
    observeRequest(route: string, method: string, status: number, seconds: number) {
      const key = `${method} ${route} ${status}`;
      let bound = boundRequestMetrics.get(key);
      if (!bound) {
        const labels = labelText(REQUEST_LABELS, [route, method, String(status)]);
        bound = { labels, latency: latency.series(labels) };
        boundRequestMetrics.set(key, bound);
      }
      requests.inc(bound.labels);
      latency.observe(bound.latency, seconds);
    },
    signIn(method: string, result: 'success' | 'failure') {
      signIns.inc(labelText(SIGN_IN_LABELS, [method, result]));
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
