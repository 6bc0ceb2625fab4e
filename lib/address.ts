/*
 * What counts as an email address, in one place and without zod: addressSchema (lib/compose.ts)
 * is built from these rules for the server, and the mail view checks typed and pasted
 * recipients (mailto: links) with isValidAddress, so the browser never loads zod for it.
 */

/** Header-bound text is one line: CR, LF or NUL could start another header. */
export const NO_LINE_BREAKS = /^[^\r\n\0]*$/;

// An addr-spec as users type them: local@domain, no spaces, no brackets or quotes.
export const ADDRESS_PATTERN = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;
export const ADDRESS_MAX = 320;
export const ADDRESS_NAME_MAX = 200;

/** True when addressSchema accepts `a`: a one-line name (or none) and an addr-spec. */
export function isValidAddress(a: { name?: string; address: string }): boolean {
  const name = a.name ?? '';
  return (
    name.length <= ADDRESS_NAME_MAX &&
    NO_LINE_BREAKS.test(name) &&
    a.address.length <= ADDRESS_MAX &&
    ADDRESS_PATTERN.test(a.address)
  );
}
