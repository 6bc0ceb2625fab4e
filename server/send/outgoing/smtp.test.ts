import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './smtp';

describe('SMTP failures', () => {
  it('a connection lost before the last byte: nothing was sent, the user may retry', () => {
    const error = classifySmtpError({ code: 'ECONNECTION' }, false);
    expect(error.outcome).toBe('unreachable');
    expect(error.code).toBe('smtp_unavailable');
  });

  it('a connection lost after the last byte: maybe sent, never resent on our own', () => {
    const error = classifySmtpError({ code: 'ETIMEDOUT' }, true);
    expect(error.outcome).toBe('unknown');
    expect(error.code).toBe('send_unknown');
    expect(error.message).toMatch(/check Sent/i);
  });

  it('a refusal names the server’s reason on one line', () => {
    const error = classifySmtpError({ code: 'EENVELOPE', response: '550 5.1.1 <nobody@example.com>: Recipient address rejected\r\n' }, false);
    expect(error.outcome).toBe('refused');
    expect(error.status).toBe(422);
    expect(error.message).toContain('Recipient address rejected');
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('a sender the server will not take (Postfix: at RCPT TO; others: at MAIL FROM) names the address', () => {
    const postfix = { code: 'EENVELOPE', command: 'RCPT TO', response: '553 5.7.1 <ceo@example.com>: Sender address rejected: not owned by user ivy' };
    const atRcpt = classifySmtpError(postfix, false, 'ceo@example.com');
    expect(atRcpt.outcome).toBe('sender');
    expect(atRcpt.code).toBe('smtp_sender_refused');
    expect(atRcpt.status).toBe(422);
    expect(atRcpt.message).toMatch(/^The mail server will not let you send as ceo@example\.com \(it said: 553 5\.7\.1 .*not owned by user ivy\)\. Nothing was sent\.$/);
    const atMail = classifySmtpError({ code: 'EENVELOPE', command: 'MAIL FROM', response: '550 5.7.60 Client does not have permissions to send as this sender' }, false, 'ceo@example.com');
    expect(atMail.outcome).toBe('sender');
    // A size refusal at MAIL FROM, and a refused recipient, are not about the sender.
    expect(classifySmtpError({ code: 'EENVELOPE', command: 'MAIL FROM', response: '552 5.3.4 Message size exceeds fixed limit' }, false, 'me@example.com').outcome).toBe('refused');
    expect(classifySmtpError({ code: 'EENVELOPE', command: 'RCPT TO', response: '550 5.1.1 <nobody@example.com>: Recipient address rejected' }, false, 'me@example.com').outcome).toBe('refused');
  });

  it('a refused sign-in is a refusal, not an outage', () => {
    expect(classifySmtpError({ code: 'EAUTH' }, false).outcome).toBe('refused');
  });

  it('a certificate refused before anything was sent: smtp_tls naming SMTP_CA, nothing sent', () => {
    const error = classifySmtpError({ code: 'ESOCKET', originalCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } as { code: string }, false);
    expect(error.outcome).toBe('tls');
    expect(error.code).toBe('smtp_tls');
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/Set SMTP_CA.*Nothing was sent\.$/);
  });
});
