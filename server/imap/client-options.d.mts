import type { ImapFlowOptions } from 'imapflow';

export interface ImapTarget {
  host: string;
  port: number;
  /** `implicit` (IMAPS), `starttls` (required upgrade) or `none`. */
  tls: 'implicit' | 'starttls' | 'none';
  auth: { user: string; pass: string };
  /** The browser's address, passed to the server in ID as `x-originating-ip`. */
  originatingIp?: string;
  /** The certificates to trust (server/tls.mjs trustedCertificates); Node's roots when absent. */
  ca?: string[];
}

export const SOCKET_TIMEOUT_MS: number;

export function imapClientOptions(target: ImapTarget): ImapFlowOptions;
