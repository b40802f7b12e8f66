// The LDIF TextMate grammar, tokenised by the same engine VS Code uses
// (vscode-textmate + Oniguruma), line by line with the state carried over.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { type IGrammar, INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';

const repo = path.resolve(__dirname, '../../..');
let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(path.join(repo, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      scope === 'source.ldif'
        ? parseRawGrammar(readFileSync(path.join(repo, 'syntaxes', 'ldif.tmLanguage.json'), 'utf8'), 'ldif.tmLanguage.json')
        : null,
  });
  grammar = (await registry.loadGrammar('source.ldif'))!;
});

/** Each line's tokens as `text => innermost scope`. */
function tokenize(text: string): Array<Array<[string, string]>> {
  let state = INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]] as [string, string]);
  });
}

const scopeOf = (lines: Array<Array<[string, string]>>, line: number, text: string) => lines[line].find(([t]) => t === text)?.[1];

describe('LDIF grammar (RFC 2849)', () => {
  it('colours the version line, dn, attribute names, options and the three value separators', () => {
    const l = tokenize(
      [
        'version: 1',
        'dn: uid=alice,ou=People,dc=example,dc=com',
        'cn;lang-en: Alice',
        'uid:: YWxpY2U=',
        'jpegPhoto:< file:///tmp/a.jpg',
      ].join('\n')
    );
    assert.equal(scopeOf(l, 0, 'version'), 'keyword.other.version.ldif');
    assert.equal(scopeOf(l, 0, '1'), 'constant.numeric.ldif');
    assert.equal(scopeOf(l, 1, 'dn'), 'keyword.other.dn.ldif');
    assert.equal(scopeOf(l, 1, 'uid=alice,ou=People,dc=example,dc=com'), 'entity.name.section.dn.ldif');
    assert.equal(scopeOf(l, 2, 'cn'), 'variable.other.attribute.ldif');
    assert.equal(scopeOf(l, 2, ';lang-en'), 'entity.other.attribute-option.ldif');
    assert.equal(scopeOf(l, 3, '::'), 'punctuation.separator.key-value.base64.ldif');
    assert.equal(scopeOf(l, 3, 'YWxpY2U='), 'string.unquoted.base64.ldif');
    assert.equal(scopeOf(l, 4, ':<'), 'punctuation.separator.key-value.url.ldif');
    assert.equal(scopeOf(l, 4, 'file:///tmp/a.jpg'), 'markup.underline.link.ldif');
  });

  it('keeps a folded comment a comment, and ends it at the next line', () => {
    const l = tokenize(['# a comment that is', ' folded onto a second line', 'uid: bob'].join('\n'));
    assert.ok(
      l[0].every(([, s]) => s.startsWith('comment.line')),
      JSON.stringify(l[0])
    );
    assert.ok(
      l[1].every(([, s]) => s.startsWith('comment.line')),
      JSON.stringify(l[1])
    );
    assert.equal(scopeOf(l, 2, 'uid'), 'variable.other.attribute.ldif');
  });

  it('marks folded value lines as continuations', () => {
    const l = tokenize(['description: a long', ' er value'].join('\n'));
    assert.equal(scopeOf(l, 1, 'er value'), 'string.unquoted.continuation.ldif');
  });

  it('colours change records: changetype, modify operations and the separator; an unknown change type is flagged', () => {
    const l = tokenize(['changetype: modify', 'replace: mail', 'mail: a@example.com', '-', 'changetype: rename'].join('\n'));
    assert.equal(scopeOf(l, 0, 'changetype'), 'keyword.control.changetype.ldif');
    assert.equal(scopeOf(l, 0, 'modify'), 'constant.language.changetype.ldif');
    assert.equal(scopeOf(l, 1, 'replace'), 'keyword.control.modify.ldif');
    assert.equal(scopeOf(l, 1, 'mail'), 'variable.other.attribute.ldif');
    assert.equal(scopeOf(l, 3, '-'), 'punctuation.separator.modify.ldif');
    assert.equal(scopeOf(l, 4, 'rename'), 'invalid.illegal.changetype.ldif');
  });
});
