/** Cleaning user text (titles, file names) for places that refuse control characters. */

/**
 * Text without what XML 1.0 forbids (C0 controls, U+FFFE/U+FFFF, lone surrogates; C1 controls
 * too, which render as nothing): a title or file name holding them made librsvg fail the whole
 * sheet, and a NUL would end a tEXt chunk early. Tabs and line breaks become spaces.
 */
export function printable(s: string): string {
  return s.replace(/[\t\n\r]/g, ' ').replace(/[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}
