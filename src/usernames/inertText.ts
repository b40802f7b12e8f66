/**
 * Outside text (a file's values and names, a PingOne name, a setting) made inert wherever it is
 * shown inside text of ours: a finding's message, the CLI's report and its stderr lines, the
 * generated `dsconfig` script.
 *
 * Characters that never reach that text as they are: control characters (Unicode Cc: C0, DEL and
 * C1, NEL included), format characters (Cf: zero-width characters, bidi overrides and the like,
 * which make text read differently than it runs) and the line and paragraph separators (Zl, Zp).
 *   - A line feed or carriage return starts a line of its own: in a CI log that line can be a
 *     command to the runner (GitHub Actions reads `::error::…` lines of a step's output as
 *     workflow commands), and in a shell script it ends a `#` comment.
 *   - An ESC starts a terminal escape sequence (colours, titles, hyperlinks, clearing the screen),
 *     and ends a terminal's bracketed paste.
 *   - A bidi override reorders what follows it on screen (the "Trojan Source" attack).
 * Each is shown as `<U+001B>` instead: visible, and it says what was there.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const UNSAFE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** Whether `text` holds a character `neutralize` replaces. */
export function hasUnsafeCharacter(text: string): boolean {
  return UNSAFE.test(text);
}

/** The text with each unsafe character shown as `<U+000A>` (the same text when it has none: no copy). */
export function neutralize(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, shownCodePoint) : text;
}

/** Outside text quoted in a message: `"…"`, neutralized. */
export function quoted(text: string): string {
  return `"${neutralize(text)}"`;
}

function shownCodePoint(ch: string): string {
  return `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
}
