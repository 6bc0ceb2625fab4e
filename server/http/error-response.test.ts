import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ERROR_STATUS } from '../errors';
import { toErrorResponse } from './error-response';

describe('the error table', () => {
  it('maps every code to one status and the one body shape', async () => {
    for (const code of Object.keys(ERROR_STATUS) as Array<keyof typeof ERROR_STATUS>) {
      const res = toErrorResponse(new AppError(code), 'req-1');
      expect(res.status).toBe(ERROR_STATUS[code]);
      const body = await res.json();
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error.code).toBe(code);
      expect(typeof body.error.message).toBe('string');
    }
  });

  it('a 500 never echoes its cause', async () => {
    const res = toErrorResponse(new Error('password=hunter2 at /srv/secret.ts:12'), 'req-2');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Something went wrong' } });
    expect(res.headers.get('x-request-id')).toBe('req-2');
  });

  it('zod errors become 400 invalid_input naming the field', async () => {
    const parsed = z.object({ folder: z.string().min(1, 'Folder is required') }).safeParse({ folder: '' });
    const res = toErrorResponse(parsed.error, 'req-3');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ code: 'invalid_input', message: 'folder: Folder is required' });
  });
});
