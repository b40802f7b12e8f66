import assert from 'node:assert/strict';
import { MAX_FILTER_COMPARISONS, MAX_FILTER_DEPTH, matchesFilter, parseFilter } from '../../../emulator/scimFilter';
import { ApiError } from '../../../emulator/errors';

describe('emulator: SCIM filter', () => {
  const rules = { allowed: { username: ['eq', 'sw'], id: ['eq'] } };
  const read = (values: Record<string, string>) => (a: string) => values[a];

  it('parses eq, sw, and, or, parentheses with and binding tighter', () => {
    const f = parseFilter('username eq "a" or username sw "b" and id eq "1"', rules);
    assert.ok(matchesFilter(f, read({ username: 'a', id: '2' })));
    assert.ok(matchesFilter(f, read({ username: 'bob', id: '1' })));
    assert.ok(!matchesFilter(f, read({ username: 'bob', id: '2' })));
    const g = parseFilter('(username eq "a" or username eq "b") and id eq "1"', rules);
    assert.ok(!matchesFilter(g, read({ username: 'a', id: '2' })));
  });

  it('matches case-insensitively, operators and attributes too', () => {
    assert.ok(matchesFilter(parseFilter('UserName EQ "ALICE"', rules), read({ username: 'alice' })));
  });

  it('understands JSON escapes in values', () => {
    assert.ok(matchesFilter(parseFilter('username eq "say \\"hi\\" \\u00e9"', rules), read({ username: 'say "hi" é' })));
  });

  it('refuses unknown attributes, operators, bare values and stray tokens', () => {
    for (const bad of ['email eq "x"', 'id sw "x"', 'username eq x', 'username eq "x" "y"', 'username eq "x', '', 'username eq "x" and']) {
      assert.throws(
        () => parseFilter(bad, rules),
        (e: unknown) => e instanceof ApiError && e.details[0].code === 'INVALID_FILTER',
        bad
      );
    }
  });

  it('refuses a filter nested or chained past its bounds as INVALID_FILTER, never a stack overflow', () => {
    const invalid = (e: unknown) => e instanceof ApiError && e.status === 400 && e.details[0].code === 'INVALID_FILTER';
    const nested = (n: number) => '('.repeat(n) + 'username eq "a"' + ')'.repeat(n);
    const chained = (n: number) => Array.from({ length: n }, () => 'username eq "a"').join(' and ');
    assert.ok(matchesFilter(parseFilter(nested(MAX_FILTER_DEPTH), rules), read({ username: 'a' })));
    assert.ok(matchesFilter(parseFilter(chained(MAX_FILTER_COMPARISONS), rules), read({ username: 'a' })));
    // 8,000 levels overflowed the stack before the bound (a RangeError, i.e. a 500 from the emulator).
    for (const bad of [nested(MAX_FILTER_DEPTH + 1), nested(8000), chained(MAX_FILTER_COMPARISONS + 1), chained(10_000)])
      assert.throws(() => parseFilter(bad, rules), invalid, bad.slice(0, 40));
  });
});
