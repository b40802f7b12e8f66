import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inertIcons, inertLinks } from '../../../src/ui/notificationText';

/** Any Markdown inline link, `[label](target)`, whatever its target: stricter than what notifications render as links. */
const LINK = /\[([^\]]*)\]\(([^)]*)\)/g;
function linksIn(text: string): string[] {
  return [...text.matchAll(LINK)].map((m) => m[2]);
}

const HOSTILE: Array<[name: string, text: string, inert: string]> = [
  [
    'a command link in an app name',
    'Created worker app "[Open](command:workbench.action.terminal.new)".',
    'Created worker app "[Open] (command:workbench.action.terminal.new)".',
  ],
  [
    'a command link with arguments',
    '[Fix now](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
    '[Fix now] (command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
  ],
  [
    'an https link with a title',
    '[Sign in again](https://evil.example "PingOne sign-in")',
    '[Sign in again] (https://evil.example "PingOne sign-in")',
  ],
  ['an https link with a title in single quotes, upper case', "[x](HTTPS://evil.example 'y')", "[x] (HTTPS://evil.example 'y')"],
  ['a file link', 'Read [users.ldif](file:///etc/passwd) failed', 'Read [users.ldif] (file:///etc/passwd) failed'],
  ['nested brackets', '[[a](command:x)](command:y)', '[[a] (command:x)] (command:y)'],
  ['unbalanced brackets around a link', ']a [b](command:x)]', ']a [b] (command:x)]'],
  [
    'several links',
    '[a](command:x) and [b](https://e.example) and [c](file:///f)',
    '[a] (command:x) and [b] (https://e.example) and [c] (file:///f)',
  ],
  ['`](` at both ends', '](command:x) [a](', '] (command:x) [a] ('],
  ['`](` repeated', ']()](](', '] ()] (] ('],
  ['`](` alone', '](', '] ('],
];

describe('inertLinks: message text the notification link parser leaves alone', () => {
  for (const [name, text, inert] of HOSTILE) {
    it(`breaks ${name}`, () => {
      assert.ok(text.includes(']('), 'the case holds a `](`');
      const out = inertLinks(text);
      assert.equal(out, inert);
      assert.ok(!out.includes(']('), out);
      assert.deepEqual(linksIn(out), []);
    });
  }

  it('every hostile case but the bare `](` ones holds a Markdown link as it stands', () => {
    const notLinked = HOSTILE.filter(([, text]) => linksIn(text).length === 0).map(([name]) => name);
    assert.deepEqual(notLinked, ['`](` at both ends', '`](` repeated', '`](` alone']);
  });

  it('leaves ordinary messages exactly as they are', () => {
    for (const text of [
      '',
      'There is no PingOne connection yet.',
      'Rotate the client secret of "Sync Worker (prod) [EU]"? The old secret stops working.',
      'a [b] (c) and [d]\n(command:x) and (e)[f]',
      '$(check) 3 roles assigned · 1 refused: "Identity Data Admin" [403 ACCESS_FAILED]',
      'Created worker app "Sync — Ünïcode 😀".',
    ]) {
      assert.equal(inertLinks(text), text);
    }
  });

  it('never leaves a `](` or a link, and changes nothing but a space after each `]` before a `(`', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '(', ')', ' ', '\n', '"', 'a', 'command:', 'https://', 'file:') }), (s) => {
        const out = inertLinks(s);
        assert.ok(!out.includes(']('), JSON.stringify(out));
        assert.deepEqual(linksIn(out), []);
        assert.equal(out.length, s.length + s.split('](').length - 1);
        assert.equal(out.replaceAll('] (', ']('), s.replaceAll('] (', ']('));
      }),
      { numRuns: 1000 }
    );
  });

  it("status bar text: a name's `$(icon)` shows as its characters, other text as it is", () => {
    assert.equal(inertIcons('"$(check) Ready" enabled'), '"\\$(check) Ready" enabled');
    assert.equal(inertIcons('$($($('), '\\$(\\$(\\$(');
    for (const text of ['"Sync Worker" deleted', 'costs $5 (a name with a dollar)', '$ (no icon)']) assert.equal(inertIcons(text), text);
  });
});
