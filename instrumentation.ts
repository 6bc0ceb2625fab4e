// Runs once when the server starts: a missing or invalid variable stops it with one message
// listing every problem, instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitOnInvalidEnv } = await import('./server/boot');
    exitOnInvalidEnv();
  }
}
