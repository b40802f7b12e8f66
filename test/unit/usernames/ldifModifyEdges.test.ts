// Modify records (RFC 2849 "changetype: modify") whose modifications are not the usual add, replace or
// delete of username values: what each reports, the same through text, bytes and the editor model.
import assert from 'node:assert/strict';
import type { ScanResult } from '../../../src/usernames/types';
import { onEveryPathAndModel } from './ldifEveryPath.helpers';

type Seen = [string, number, number, string];
const show = (r: ScanResult): Seen[] => r.findings.map((f) => [f.code, f.range.startLine, f.range.startColumn, f.message]);

function findingsOf(text: string): Seen[] {
  return onEveryPathAndModel(text, show, [Infinity, 7]);
}

const MODIFY = 'dn: uid=a,dc=x\nchangetype: modify\n';

describe('LDIF modify records: modifications that hold no username to check', () => {
  it('an increment of the username attribute is read without a finding (no username operation to attach it to)', () => {
    assert.deepEqual(findingsOf(MODIFY + 'increment: uid\nuid: 5\n-\n'), []);
    // After a replace of the username, the increment's value is not taken as one of the replace's.
    assert.deepEqual(findingsOf(MODIFY + 'replace: uid\nuid: a\n-\nincrement: uid\nuid: 5\n-\n'), []);
  });

  it('a delete of another attribute, with a value, is read without a finding', () => {
    assert.deepEqual(findingsOf(MODIFY + 'delete: cn\ncn: x\n-\n'), []);
    assert.deepEqual(findingsOf(MODIFY + 'delete: cn\ncn: x\n-\nreplace: uid\nuid: b\n-\n'), []);
  });

  it('a delete whose value is a URL frees none of the entry usernames: a later entry taking one is still reported', () => {
    const text =
      'dn: uid=a,dc=x\nchangetype: add\nuid: x\n\n' +
      'dn: uid=a,dc=x\nchangetype: modify\ndelete: uid\nuid:< x\n-\n\n' +
      'dn: uid=b,dc=x\nchangetype: add\nuid: x\n';
    assert.deepEqual(
      findingsOf(text).map((f) => f.slice(0, 3)),
      [['username-duplicate', 12, 5]]
    );
    // The same delete with the value written plain frees it.
    assert.deepEqual(findingsOf(text.replace('uid:< x', 'uid: x')), []);
  });

  it('a modification header naming options and no attribute: a username line under it is outside the modification', () => {
    assert.deepEqual(findingsOf(MODIFY + 'add: ;x\nuid: y\n-\n'), [
      ['ldif-syntax', 3, 0, '"uid" value inside a modification of ""; end the modification with "-" first.'],
    ]);
  });
});
