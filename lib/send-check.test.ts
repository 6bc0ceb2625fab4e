import { describe, expect, it } from 'vitest';
import { parseRecipients } from './address-input';
import { sendProblem } from './send-check';

const none = { to: [], cc: [], bcc: [] };

describe('sendProblem', () => {
  it('names an invalid recipient first', () => {
    expect(sendProblem({ ...none, to: parseRecipients('a@x.org'), bcc: parseRecipients('bob') }, 0)).toBe(
      '“bob” is not a valid email address: correct or remove it before sending.',
    );
  });

  it('asks for a recipient when there is none', () => {
    expect(sendProblem(none, 0)).toBe('Add at least one recipient');
  });

  it('accepts a message with only Bcc recipients', () => {
    expect(sendProblem({ ...none, bcc: parseRecipients('a@x.org') }, 0)).toBeNull();
  });

  it('waits for running uploads', () => {
    expect(sendProblem({ ...none, to: parseRecipients('a@x.org') }, 1)).toBe('Wait until the attachments have uploaded');
  });
});
