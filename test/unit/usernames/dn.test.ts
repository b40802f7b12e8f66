import assert from 'node:assert/strict';
import { dnHash, dnHashOf, normalizeDn, renamedDn } from '../../../src/usernames/dn';

describe('DN keys', () => {
  it('DNs naming the same entry normalize alike (case, spaces around separators, inner space runs)', () => {
    assert.equal(normalizeDn('UID=Alice, OU=People ,dc=Example,  dc=com '), 'uid=alice,ou=people,dc=example,dc=com');
    assert.equal(normalizeDn('cn=Paula  Jensen, ou=Product Development'), 'cn=paula jensen,ou=product development');
    assert.notEqual(normalizeDn('cn=PaulaJensen'), normalizeDn('cn=Paula Jensen'));
    assert.equal(normalizeDn('cn=a\\, b,dc=x'), 'cn=a\\, b,dc=x', 'an escaped comma is not a separator');
  });

  it('the fast hash equals the hash of the normalized DN', () => {
    for (const dn of ['uid=user.1,ou=People,dc=example,dc=com', 'UID=a, dc=x', 'cn=Dagný,dc=x', 'cn=a\\, b,dc=x', '']) {
      assert.equal(dnHashOf(dn), dnHash(normalizeDn(dn)), dn);
    }
    assert.notEqual(dnHashOf('uid=a,dc=x'), dnHashOf('uid=b,dc=x'));
  });

  it('a rename keeps the parent unless newsuperior moves it', () => {
    assert.equal(renamedDn('uid=a,ou=p,dc=x', 'uid=b', undefined), 'uid=b,ou=p,dc=x');
    assert.equal(renamedDn('uid=a\\,z,ou=p,dc=x', 'uid=b', undefined), 'uid=b,ou=p,dc=x');
    assert.equal(renamedDn('uid=a,ou=p,dc=x', 'uid=b', 'ou=q,dc=x'), 'uid=b,ou=q,dc=x');
    assert.equal(renamedDn('dc=x', 'dc=y', undefined), 'dc=y');
  });
});
