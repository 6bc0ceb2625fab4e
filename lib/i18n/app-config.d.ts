import type { Locale } from './config';
import type messages from './messages/en.json';

// next-intl's types: the languages, and the keys of en.json (their declaration, en.d.json.ts, is
// written by the plugin from next.config.ts): a key that en.json lacks fails `tsc`.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
