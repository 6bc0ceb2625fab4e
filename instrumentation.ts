// Runs once when the server starts: a missing or invalid variable stops it with one message
// listing every problem, instead of failing on the first request. Then the SIGTERM / SIGINT
// handlers that drain the process within 10 s (server/shutdown.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitOnInvalidEnv } = await import('./server/boot');
    exitOnInvalidEnv();
    const { installShutdownHandlers } = await import('./server/shutdown');
    installShutdownHandlers();
    // Push from Wren's own IDLE watch: it must hear of the first connection of every session
    // after a restart, whichever route makes it (server/mail/push/idle-watch.ts).
    const { pushSettings } = await import('./server/mail/push/config');
    if (pushSettings()?.source === 'idle') await import('./server/mail/push/idle-watch');
    // Snooze, send later and Send's undo window: one process acts at a time (a lease in Redis).
    const { startScheduler } = await import('./server/scheduler/runner');
    startScheduler();
  }
}
