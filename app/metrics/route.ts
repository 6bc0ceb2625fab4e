import { poolStats } from '@/server/imap/pool';
import { mayReadMetrics } from '@/server/http/metrics-access';
import { openEventStreams } from '@/server/http/sse';
import { messageCacheStats } from '@/server/mail/message-cache';
import { defineGauge, renderMetrics } from '@/server/metrics';

export const dynamic = 'force-dynamic';

// GET /metrics – Prometheus text exposition: loopback only, or with Authorization: Bearer $METRICS_TOKEN
export function GET(req: Request) {
  if (!mayReadMetrics(req)) return new Response('Forbidden\n', { status: 403, headers: { 'Cache-Control': 'no-store' } });
  const pool = poolStats();
  defineGauge('wren_sessions', 'Signed-in sessions this process holds IMAP connections for', () => [{ labels: {}, value: pool.sessions }]);
  defineGauge('wren_imap_connections', 'IMAP connections: open (or opening), busy with a request, requests waiting for one', () => [
    { labels: { state: 'open' }, value: pool.connections },
    { labels: { state: 'busy' }, value: pool.busy },
    { labels: { state: 'waiting' }, value: pool.waiting },
  ]);
  defineGauge('wren_event_stream_clients', 'Open event streams (GET /api/events)', () => [{ labels: {}, value: openEventStreams() }]);
  const shown = messageCacheStats();
  defineGauge('wren_message_cache_bytes', 'Bytes held by the cache of shown messages (MESSAGE_CACHE_BYTES bounds it)', () => [{ labels: {}, value: shown.bytes }]);
  defineGauge('wren_message_cache_entries', 'Messages held by the cache of shown messages', () => [{ labels: {}, value: shown.entries }]);
  return new Response(renderMetrics(), {
    headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
