import 'server-only';

/*
 * Does a mail set its own colours? (Dark mode, issue #20.) Mail that does not is shown in the
 * dark theme's colours (the frame sets a dark background and light text, components/message/
 * MailFrame.tsx); mail that sets a text colour or a background anywhere is shown as designed, on
 * a light card: recolouring half a design (dark text kept on a page turned dark, a white logo
 * on a background taken away) loses meaning. Read from the sanitized HTML, i.e. what the frame
 * will really show: a <body bgcolor> the sanitizer leaves out does not count.
 */

/** Values that set no colour of their own. */
const NEUTRAL = /^(?:inherit|initial|unset|revert|revert-layer|transparent|currentcolor|none|auto)$/i;

/** A colour or background declaration, in a style attribute or a <style> sheet (not border-color, mso-color-alt...). */
const DECLARATION = /(?:^|[;{\s])(color|background(?:-color|-image)?)\s*:\s*([^;}]*)/gi;

/** CSS (a style attribute's value or a sheet) that declares a text colour or a background other than "none". */
export function cssSetsColors(css: string): boolean {
  for (const [, , raw] of css.replace(/\/\*[\s\S]*?\*\//g, ' ').matchAll(DECLARATION)) {
    const value = raw.replace(/!\s*important\s*$/i, '').trim();
    if (value && !NEUTRAL.test(value)) return true;
  }
  return false;
}

/** The presentational attributes that colour text or backgrounds (HTML 4's bgcolor, <font color>, <table background>...). */
const COLOR_ATTRIBUTES = ['bgcolor', 'background', 'color', 'text', 'link', 'vlink', 'alink'];

/** An element, after sanitizing, whose attributes set a colour or a background. */
export function elementSetsColors(el: Element): boolean {
  for (const name of COLOR_ATTRIBUTES) {
    const value = el.getAttribute(name)?.trim();
    if (value && !NEUTRAL.test(value)) return true;
  }
  const style = el.getAttribute('style');
  return style !== null && cssSetsColors(style);
}
