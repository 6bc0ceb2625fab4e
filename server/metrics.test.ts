import { describe, expect, it } from 'vitest';
import { defineGauge, incrementCounter, observeHistogram, renderMetrics } from './metrics';

describe('renderMetrics', () => {
  it('writes HELP and TYPE once per metric, cumulative histogram buckets with +Inf, _sum and _count', () => {
    observeHistogram('test_latency_seconds', 'Latency', 0.02, { route: '/api/x' }, [0.01, 0.05, 1]);
    observeHistogram('test_latency_seconds', 'Latency', 0.5, { route: '/api/x' }, [0.01, 0.05, 1]);
    const text = renderMetrics();
    expect(text.match(/^# TYPE test_latency_seconds histogram$/gm)).toHaveLength(1);
    expect(text).toContain('test_latency_seconds_bucket{route="/api/x",le="0.01"} 0');
    expect(text).toContain('test_latency_seconds_bucket{route="/api/x",le="0.05"} 1');
    expect(text).toContain('test_latency_seconds_bucket{route="/api/x",le="1"} 2');
    expect(text).toContain('test_latency_seconds_bucket{route="/api/x",le="+Inf"} 2');
    expect(text).toContain('test_latency_seconds_sum{route="/api/x"} 0.52');
    expect(text).toContain('test_latency_seconds_count{route="/api/x"} 2');
  });

  it('counts per label set and escapes label values', () => {
    incrementCounter('test_errors_total', 'Errors', { code: 'a"b\\c\nd' });
    incrementCounter('test_errors_total', 'Errors', { code: 'a"b\\c\nd' }, 2);
    expect(renderMetrics()).toContain('test_errors_total{code="a\\"b\\\\c\\nd"} 3');
  });

  it('reads gauges when scraped', () => {
    let value = 1;
    defineGauge('test_open', 'Open things', () => [{ labels: {}, value }]);
    expect(renderMetrics()).toMatch(/^test_open 1$/m);
    value = 4;
    expect(renderMetrics()).toMatch(/^test_open 4$/m);
  });
});
