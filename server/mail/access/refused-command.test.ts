import { describe, expect, it } from 'vitest';
import { transferRefusalError } from './refused-command';
import { samePath } from './special-folders';
import { uidSetOf } from './transfer';

describe('a refused copy or move in the user’s words', () => {
  const name = async () => 'Full';

  it('OVERQUOTA -> 507 over_quota naming the folder', async () => {
    const error = await transferRefusalError('OVERQUOTA', name);
    expect([error.code, error.status, error.message]).toEqual(['over_quota', 507, 'Full is over quota: delete or archive mail to make room.']);
  });

  it('OVERQUOTA with the quota figures -> how full the mailbox is', async () => {
    const error = await transferRefusalError('OVERQUOTA', name, async () => ({ usedBytes: 20480, limitBytes: 20480 }));
    expect(error.message).toBe('Your mailbox is full (20 KB of 20 KB used): delete or archive mail to make room.');
  });

  it('TRYCREATE and NONEXISTENT -> 404 "Folder does not exist", without listing folders', async () => {
    const never = async () => {
      throw new Error('the name is not needed');
    };
    for (const code of ['TRYCREATE', 'NONEXISTENT']) {
      const error = await transferRefusalError(code, never);
      expect([error.code, error.message]).toEqual(['not_found', 'Folder does not exist']);
    }
  });

  it('anything else -> 500 whose message does not echo the server', async () => {
    const error = await transferRefusalError('CANNOT', name);
    expect([error.code, error.message]).toEqual(['internal', 'Something went wrong']);
    expect(String((error.cause as Error).message)).toContain('CANNOT');
  });
});

describe('selections as imapflow sends them', () => {
  it('a bare "*" stays a UID ("*:*"): imapflow would turn it into a sequence number', () => {
    expect(uidSetOf({ folder: 'INBOX', uidValidity: '1', uids: '*' })).toBe('*:*');
    expect(uidSetOf({ folder: 'INBOX', uidValidity: '1', uids: '1:*' })).toBe('1:*');
    expect(uidSetOf({ folder: 'INBOX', uidValidity: '1', uids: '4:9,12' })).toBe('4:9,12');
  });

  it('INBOX is the same folder in any case; other names are case-sensitive', () => {
    expect(samePath('INBOX', 'inbox')).toBe(true);
    expect(samePath('Work', 'work')).toBe(false);
  });
});
