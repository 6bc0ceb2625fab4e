import 'server-only';
import { env } from './env';

/** Parses the configuration at start; on any problem prints them all and exits. */
export function exitOnInvalidEnv() {
  try {
    env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
