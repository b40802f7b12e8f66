// README "Diagnostic codes": every complete example there produces its code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scanText, type FileFormat } from '../../../src/usernames';

const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('<!-- codes -->'), readme.indexOf('<!-- /codes -->'));

/** [code, format, text] for each fenced example; a bare `uid:` line becomes the username of a person entry. */
function examples(): Array<[string, FileFormat, string]> {
  const out: Array<[string, FileFormat, string]> = [];
  const re = /^#### (\S+)\n(?:(?!^####)[^])*?^```(ldif|csv)\n([^]*?)^```$/gm;
  for (let m = re.exec(section); m; m = re.exec(section)) {
    const [, code, format, body] = m;
    if (body.includes('…')) continue; // an excerpt, not a file
    const text = format === 'ldif' && !body.startsWith('dn:') ? `dn: cn=x,dc=example,dc=com\nobjectClass: person\n${body}` : body;
    out.push([code, format as FileFormat, text]);
  }
  return out;
}

describe('README diagnostic code examples', () => {
  const all = examples();
  it('has examples to check', () => assert.ok(all.length >= 8, `${all.length} examples`));
  for (const [code, format, text] of all) {
    it(`${code} (${format})`, () => {
      const codes = scanText(text, { format }).findings.map((f) => f.code);
      assert.ok(codes.includes(code as never), `${code} not in ${codes.join(', ')}`);
    });
  }
});
