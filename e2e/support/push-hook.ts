import { createServer, type Server } from 'node:http';

type Handler = (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>;

export interface HookServer {
  /** Every call Dovecot made, with the status Wren answered. */
  calls: { status: number; body: string; answer: string }[];
  close(): Promise<void>;
}

/**
 * Serves Wren's push hook route in this process on `port` (the stack's PUSH_HOOK_PORT, where the
 * test Dovecot's push_notification driver calls): each HTTP request becomes a Request for the
 * route handler, with X-Forwarded-For set to the peer as Next sets it.
 */
export async function serveHook(handler: Handler, port: number): Promise<HookServer> {
  const calls: HookServer['calls'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      headers.set('x-forwarded-for', req.socket.remoteAddress ?? '');
      const request = new Request(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers, body: body.length ? body : undefined });
      void handler(request, { params: Promise.resolve({}) }).then(async (response) => {
        const answer = Buffer.from(await response.arrayBuffer());
        calls.push({ status: response.status, body: body.toString('utf8'), answer: answer.toString('utf8') });
        res.writeHead(response.status);
        res.end(answer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
