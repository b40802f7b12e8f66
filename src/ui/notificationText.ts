/**
 * Message text made inert for the notification link parser (`inertLinks`) and for the status bar's
 * icon syntax (`inertIcons`).
 *
 * VS Code renders `[label](href)` in a notification as a link, for `command:`, `http(s):` and
 * `file:` hrefs, with an optional `"title"` (VS Code 1.34 release notes: "Command links in
 * notifications"). Our messages quote text we do not control (PingOne names, server errors, file
 * names), so a name like `[Open](command:workbench.action.terminal.new)` would become a button that
 * runs a command. The parser needs `](` with nothing in between (line breaks become spaces before
 * it looks), so a space there is enough: every `](` becomes `] (`, visible, and the rest of the text
 * stays as it was. The extension puts no links of its own in messages; one that needs a link must
 * get a reviewed path of its own, not a way around this.
 */
export function inertLinks(text: string): string {
  // `](` pairs cannot overlap, so one global pass leaves none behind.
  return text.includes('](') ? text.replace(/\]\(/g, '] (') : text;
}

/**
 * Status bar and quick pick text shows `$(name)` as an icon, and `\$(name)` as the characters
 * themselves (VS Code API docs, "Icons in labels"). Our status messages and pick items quote PingOne
 * names: an app named `$(pass) Ready` must not show a check mark of ours. The caller adds its own
 * icons after this.
 */
export function inertIcons(text: string): string {
  return text.includes('$(') ? text.replace(/\$\(/g, '\\$(') : text;
}
