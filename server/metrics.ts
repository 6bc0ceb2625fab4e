import 'server-only';
import { processGlobal } from './process-global';

/*
 * Prometheus metrics, the text exposition format (version 0.0.4), written by hand: Wren needs
 * counters, gauges and histograms with a few labels, about 150 lines; prom-client would bring
 * its default process collectors, a cluster aggregator and a dependency to follow for that.
 * One registry per process (processGlobal): Next bundles route handlers separately, and every
 * copy of this module must count into the same figures. Label values are bounded by the
 * callers: route patterns (never a URL), error codes, states; never an id or search text.
 */

type Labels = Record<string, string>;

interface Metric {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
}

interface Series {
  labels: Labels;
  value: number;
}

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

interface Registry {
  metrics: Map<string, Metric & { buckets?: number[] }>;
  values: Map<string, Map<string, Series>>;
  histograms: Map<string, Map<string, HistogramSeries>>;
  gauges: Map<string, () => Series[]>;
}

const registry = processGlobal<Registry>('metrics', () => ({ metrics: new Map(), values: new Map(), histograms: new Map(), gauges: new Map() }));

/** Seconds, from a fast API answer to a slow search. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

function define(metric: Metric & { buckets?: number[] }) {
  if (!registry.metrics.has(metric.name)) registry.metrics.set(metric.name, metric);
}

/** Adds `by` (default 1) to a counter. */
export function incrementCounter(name: string, help: string, labels: Labels = {}, by = 1) {
  define({ name, help, type: 'counter' });
  const series = registry.values.get(name) ?? new Map<string, Series>();
  registry.values.set(name, series);
  const k = key(labels);
  const current = series.get(k) ?? { labels, value: 0 };
  current.value += by;
  series.set(k, current);
}

/** Records one observation (seconds) in a histogram. */
export function observeHistogram(name: string, help: string, value: number, labels: Labels = {}, buckets = LATENCY_BUCKETS) {
  define({ name, help, type: 'histogram', buckets });
  const series = registry.histograms.get(name) ?? new Map<string, HistogramSeries>();
  registry.histograms.set(name, series);
  const k = key(labels);
  const current = series.get(k) ?? { labels, counts: buckets.map(() => 0), sum: 0, count: 0 };
  buckets.forEach((bound, i) => {
    if (value <= bound) current.counts[i]++;
  });
  current.sum += value;
  current.count++;
  series.set(k, current);
}

/** A gauge read when scraped: `read` answers its series (one per label set). */
export function defineGauge(name: string, help: string, read: () => Series[]) {
  define({ name, help, type: 'gauge' });
  registry.gauges.set(name, read);
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
}

const number = (value: number) => (Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN');

/** Everything, in the text exposition format. */
export function renderMetrics(): string {
  const lines: string[] = [];
  for (const metric of [...registry.metrics.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    lines.push(`# HELP ${metric.name} ${metric.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${metric.name} ${metric.type}`);
    if (metric.type === 'histogram') {
      for (const series of registry.histograms.get(metric.name)?.values() ?? []) {
        metric.buckets!.forEach((bound, i) => lines.push(`${metric.name}_bucket${labelText(series.labels, ['le', String(bound)])} ${series.counts[i]}`));
        lines.push(`${metric.name}_bucket${labelText(series.labels, ['le', '+Inf'])} ${series.count}`);
        lines.push(`${metric.name}_sum${labelText(series.labels)} ${number(series.sum)}`);
        lines.push(`${metric.name}_count${labelText(series.labels)} ${series.count}`);
      }
    } else if (metric.type === 'gauge') {
      for (const series of registry.gauges.get(metric.name)?.() ?? []) lines.push(`${metric.name}${labelText(series.labels)} ${number(series.value)}`);
    } else {
      for (const series of registry.values.get(metric.name)?.values() ?? []) lines.push(`${metric.name}${labelText(series.labels)} ${number(series.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

// The figures Wren records, named once here so every caller spells them the same.

/** An API request answered (time until its response started: a stream's life is not counted). */
export function recordRequest(route: string, method: string, status: number, seconds: number) {
  observeHistogram('wren_http_request_duration_seconds', 'API request latency until the response starts, by route pattern', seconds, { route, method, status: String(status) });
}

/** An error answered, by its code (server/errors.ts). */
export function recordError(code: string) {
  incrementCounter('wren_errors_total', 'Errors answered, by code', { code });
}

/** One mail HTML sanitize, in seconds (over_budget: stopped at its budget). */
export function recordSanitize(seconds: number, outcome: 'ok' | 'over_budget' | 'failed') {
  observeHistogram('wren_sanitize_duration_seconds', 'Time to sanitize one mail HTML body', seconds, { outcome }, [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5]);
}
