import assert from 'node:assert/strict';
import { ChunkCarry } from '../../../src/usernames/chunkCarry';

describe('ChunkCarry: the unfinished end of the chunks a fast path has read', () => {
  it('keeps copies: a reader that reuses its buffer does not change what was kept', () => {
    const carry = new ChunkCarry();
    const buf = Buffer.from('uid: alice\nuid: bo');
    carry.keep(buf, 11, buf.length);
    buf.fill(0x78);
    assert.equal(carry.length, 7);
    assert.equal(carry.lastByte(), 'o'.charCodeAt(0));
    assert.equal(carry.join(Buffer.from('b\n')).toString(), 'uid: bob\n');
    assert.equal(carry.length, 0, 'nothing is kept after a join');
    assert.equal(carry.lastByte(), -1);
  });

  it('joins several pieces in order, with or without a tail, and drains them', () => {
    const carry = new ChunkCarry();
    for (const piece of ['dn: a', 'bc\n', 'uid']) carry.keep(Buffer.from(`..${piece}..`), 2, piece.length + 2);
    assert.equal(carry.length, 11);
    assert.equal(carry.lastByte(), 'd'.charCodeAt(0));
    assert.deepEqual(
      carry.drain().map((b) => b.toString()),
      ['dn: a', 'bc\n', 'uid']
    );
    assert.equal(carry.length, 0);
    carry.keep(Buffer.from('x'), 0, 1);
    assert.equal(carry.join().toString(), 'x');
  });

  it('an empty range is not kept: the last byte is still the last byte kept', () => {
    const carry = new ChunkCarry();
    carry.keep(Buffer.from('a\n'), 0, 2);
    carry.keep(Buffer.from('b'), 1, 1);
    assert.equal(carry.lastByte(), 10);
    assert.equal(carry.drain().length, 1);
  });
});
