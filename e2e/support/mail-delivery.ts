import { connect } from 'node:net';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

/** A message as Postfix receives it: submitted over SMTP AUTH as `user`, to `user@example.com`. */
export async function sendThroughPostfix(user: string, message: { from: string; subject: string; text: string }): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: Number(process.env.SMTP_PORT),
    secure: false,
    ignoreTLS: true,
    auth: { user, pass: 'secret' },
  });
  try {
    await transport.sendMail({ from: message.from, sender: `${user}@example.com`, envelope: { from: `${user}@example.com`, to: `${user}@example.com` }, to: `${user}@example.com`, subject: message.subject, text: message.text });
  } finally {
    transport.close();
  }
}

/** Delivers `raw` (CRLF lines) to `user`'s INBOX straight over the test Dovecot's LMTP socket. */
export function deliverByLmtp(user: string, raw: string): Promise<void> {
  const socket = connect(join(process.env.DOVECOT_DIR!, 'run', 'lmtp'));
  const script = ['LHLO test', 'MAIL FROM:<sender@example.org>', `RCPT TO:<${user}@example.com>`, 'DATA'];
  let buffer = '';
  let step = 0;
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (line[3] === '-') continue;
        if (!/^[23]/.test(line)) return reject(new Error(`LMTP refused: ${line}`));
        if (step < script.length) socket.write(`${script[step++]}\r\n`);
        else if (step === script.length) {
          step++;
          socket.write(`${raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.\r\n`);
        } else {
          socket.end('QUIT\r\n');
          resolve();
        }
      }
    });
  });
}
