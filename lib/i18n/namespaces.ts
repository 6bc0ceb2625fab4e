/*
 * The message namespaces each page's client components use: what its NextIntlClientProvider
 * passes to the browser (lib/i18n/load-messages.ts pickNamespaces). The rest (errors, the quote
 * line) stay on the server.
 */

/** The mail view and what it opens (composer, menus, dialogs); the offline shell shows it too. */
export const MAIL_NAMESPACES = ['common', 'mail', 'compose', 'offline', 'quota'] as const;
export const SETTINGS_NAMESPACES = ['common', 'settings', 'quota'] as const;
export const LOGIN_NAMESPACES = ['login'] as const;
