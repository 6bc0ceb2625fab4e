// ImapFlow's options for every connection Wren opens. A plain JavaScript module (types in
// client-options.d.mts) so that the bench's floor (scripts/bench/) opens its connections with
// exactly these options: what the bench measures is what Wren adds on top of them.

/** How long a connection may be quiet before imapflow ends it with ETIMEOUT (the pool's keepalive is half that). */
export const SOCKET_TIMEOUT_MS = 5 * 60_000;

/** @param {import('./client-options.d.mts').ImapTarget} target */
export function imapClientOptions({ host, port, tls, auth, originatingIp, ca }) {
  return {
    host,
    port,
    secure: tls === 'implicit',
    // starttls is required: a server that does not offer it is refused (never a silent
    // fall-back to clear text); none is for loopback only (server/env.ts).
    doSTARTTLS: tls === 'starttls' ? true : tls === 'none' ? false : undefined,
    // The certificate is always verified: said explicitly, so that NODE_TLS_REJECT_UNAUTHORIZED=0
    // in the environment cannot turn it off. `ca` (IMAP_CA, through server/tls.mjs) adds a
    // private CA to the roots trusted.
    tls: ca ? { rejectUnauthorized: true, ca } : { rejectUnauthorized: true },
    auth,
    logger: false,
    // Compression costs more CPU than it saves bytes on a LAN (measured 2x slower).
    disableCompression: true,
    // IDLE is started explicitly, on the watched folder and only while someone watches
    // (imap/idle.ts); an automatic IDLE would cost every next command a round trip for nothing.
    disableAutoIdle: true,
    // EXPUNGE arrives as VANISHED with UIDs, and FETCH ... CHANGEDSINCE can report what vanished:
    // the live view and the catch-up after a gap both work by UID.
    qresync: true,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: SOCKET_TIMEOUT_MS,
    // The user's own address goes to the IMAP server (ID), so its protections see who it is.
    clientInfo: originatingIp ? { name: 'Wren', 'x-originating-ip': originatingIp } : { name: 'Wren' },
  };
}
