import 'server-only';
import { env } from '../env';

export interface AccessLogLine {
  method: string;
  /** The route pattern (`/api/messages/[id]`), never the URL: no ids, no query string, no search text. */
  route: string;
  status: number;
  ms: number;
  requestId: string;
}

/**
 * With ACCESS_LOG=1, one JSON line per API request on stdout. It holds only what the line's
 * type names: never a cookie, a header, a body (a password) or a query string (search text).
 */
export function writeAccessLog(line: AccessLogLine) {
  if (!env().ACCESS_LOG) return;
  const { method, route, status, ms, requestId } = line;
  console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'access', method, route, status, ms: Math.round(ms * 10) / 10, requestId }));
}
