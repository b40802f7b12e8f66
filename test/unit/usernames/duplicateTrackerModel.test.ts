import assert from 'node:assert/strict';
import { DuplicateTracker, OFFERED, REPEAT, SLOW, compareFindings } from '../../../src/usernames/aggregate';
import { dnHashOf } from '../../../src/usernames/dn';
import { FindingStore, duplicateFinding } from '../../../src/usernames/findingStore';
import { hashOf } from '../../../src/usernames/fnv';
import { usernameFoldKey } from '../../../src/usernames/rules';
import type { Finding, Range } from '../../../src/usernames/types';

/*
 * DuplicateTracker against a model written with Maps and objects, through every way a scan offers a
 * username (a raw occurrence, a string, bytes, bytes while a record is read) and every change record
 * (RFC 2849: a modify's delete or replace frees usernames, a modrdn moves them). The model says what a
 * user sees: every duplicate finding (code, message, range, related first occurrence), whether the
 * index holds a value, the record the last finding points back to and what `offerInRecord` answers.
 */

const INT_MAX = 0x7fffffff;
const RELEASED = -1;

interface Seen {
  range: Range;
  record: number;
  owner: number;
}
interface Group {
  first: Seen & { value: string };
  owner: number;
  /** The last record at most INT_MAX that offered the first value's spelling. */
  last: number | undefined;
  others: Map<string, Seen>;
}

class Model {
  readonly findings: Finding[] = [];
  lastFirstRecord = -1;
  private readonly groups = new Map<string, Group>();
  private readonly byDn = new Map<string, Group[]>();
  private dn: string | undefined;
  private dnKey: string | undefined;
  private owner = NaN;
  private fine = false;

  constructor(readonly store: boolean) {}

  get distinct(): number {
    return this.groups.size;
  }

  setEntry(dn: string | undefined, remember: boolean, fine: boolean): void {
    this.dn = dn;
    this.dnKey = remember && dn !== undefined ? dn.toLowerCase() : undefined;
    this.owner = dn === undefined ? NaN : dnHashOf(dn);
    this.fine = fine;
  }

  release(keys: string[] | undefined): void {
    const held = this.dnKey === undefined ? undefined : this.byDn.get(this.dnKey);
    if (!held) return;
    const list = keys ? keys.map((k) => this.groups.get(k)) : held;
    for (const g of list) if (g && g.owner === this.owner) g.owner = RELEASED;
    if (!keys) this.byDn.delete(this.dnKey!);
  }

  rename(newDn: string): void {
    const held = this.dnKey === undefined ? undefined : this.byDn.get(this.dnKey);
    if (!held) return;
    const key = newDn.toLowerCase();
    for (const g of held) if (g.owner === this.owner) g.owner = dnHashOf(newDn);
    this.byDn.delete(this.dnKey!);
    const there = this.byDn.get(key);
    this.byDn.set(key, there ? [...there, ...held] : held);
  }

  /** `key`'s group starts (or, freed, starts over: the same group, still in the lists of entries that held it) with this value. */
  private take(key: string, value: string, range: Range, record: number): void {
    const g: Group = this.groups.get(key) ?? {
      first: { value, range, record, owner: NaN },
      owner: NaN,
      last: undefined,
      others: new Map(),
    };
    g.first = { value, range, record, owner: this.owner };
    g.owner = this.owner;
    g.last = record <= INT_MAX ? record : undefined;
    g.others = new Map();
    this.groups.set(key, g);
    if (this.dnKey !== undefined) this.byDn.set(this.dnKey, [...(this.byDn.get(this.dnKey) ?? []), g]);
  }

  private found(kind: 'username-duplicate' | 'entry-twice' | 'username-duplicate-case', value: string, range: Range, first: Seen): void {
    this.lastFirstRecord = first.record;
    this.findings.push(duplicateFinding(kind, value, range, first.range, this.dn));
  }

  offer(value: string, key: string, range: Range, record: number): void {
    const g = this.groups.get(key);
    if (!g || g.owner === RELEASED) return this.take(key, value, range, record);
    if (value === g.first.value) {
      if (record <= INT_MAX) g.last = record;
      if (g.first.record === record) return;
      const same = g.owner === this.owner;
      if (same && this.fine) return;
      return this.found(same ? 'entry-twice' : 'username-duplicate', value, range, g.first);
    }
    const o = g.others.get(value);
    if (o) {
      if (o.record === record) return;
      const same = o.owner === this.owner;
      if (same && this.fine) return;
      return this.found(same ? 'entry-twice' : 'username-duplicate', value, range, o);
    }
    g.others.set(value, { range, record, owner: this.owner });
    if (g.first.record === record || (this.fine && g.owner === this.owner)) return;
    this.found('username-duplicate-case', value, range, g.first);
  }

  /** What `offerInRecord` answers for the plain ASCII `value`, doing what it does. */
  offerInRecord(value: string, range: Range, record: number): number {
    if (record > INT_MAX || range.startLine > INT_MAX) return SLOW;
    const g = this.groups.get(value.toLowerCase());
    if (!g) {
      this.take(value.toLowerCase(), value, range, record);
      return OFFERED;
    }
    if (g.owner === RELEASED) return SLOW;
    if (value !== g.first.value) {
      if (!this.store || g.owner === this.owner || g.first.record === record || g.others.size > 0) return SLOW;
      g.others.set(value, { range, record, owner: this.owner });
      this.found('username-duplicate-case', value, range, g.first);
      return OFFERED;
    }
    if (g.last === record || g.first.record === record) return REPEAT;
    if (g.owner === this.owner || !this.store) return SLOW;
    g.last = record;
    this.found('username-duplicate', value, range, g.first);
    return OFFERED;
  }

  heldBy(value: string, key: string, record: number): boolean {
    const g = this.groups.get(key);
    if (!g) return false;
    if (value === g.first.value) return (g.first.record === record && g.owner !== RELEASED) || (record <= INT_MAX && g.last === record);
    return g.others.get(value)?.record === record;
  }
}

/** The tracker under test, with its findings (returned or in its store) gathered in one list. */
class Real {
  readonly t = new DuplicateTracker();
  readonly findings: Finding[] = [];
  private readonly store: FindingStore | undefined;

  constructor(store: boolean) {
    if (store) this.store = this.t.store = new FindingStore();
  }

  keep(f: Finding | undefined): void {
    if (f) this.findings.push(f);
  }

  all(): Finding[] {
    return [...this.findings, ...(this.store?.toArray() ?? [])].sort(compareFindings);
  }
}

function rng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

/** ASCII spellings, with the characters on either side of A–Z (`@[` and `` `{ ``). */
const ASCII_VALUES = [
  'ann',
  'Ann',
  'ANN',
  'aNn',
  'bob',
  'Bob',
  'carol.x',
  'Carol.X',
  'd',
  'D',
  'erin@example.com',
  'Erin@Example.com',
  'kate',
  'Kate',
  'a@[`{z',
  'A@[`{Z',
];
/**
 * Latin-1 first values kept as bytes (ü/Ü), others that are not (Ł), an NFC pair, a Kelvin sign (NFC
 * makes it K: an ASCII key whose first value is not Latin-1), and keys too long for the arena.
 */
const OTHER_VALUES = [
  'ünï',
  'ÜNÏ',
  'Ünï',
  'łukasz',
  'Łukasz',
  'jos\u00e9',
  'jose\u0301',
  'JOSE\u0301',
  '\u212Aate',
  'x'.repeat(4097),
  'X'.repeat(4097),
];
const DNS = ['uid=a,o=x', 'UID=A,O=X', 'uid=b,o=x', 'uid=c,o=x', 'uid=d,o=x'];

interface Plan {
  seed: number;
  store: boolean;
  records: number;
  /** The first record's number and the first line (to cross INT_MAX). */
  record0: number;
  line0: number;
  /**
   * Keys crafted to collide (the tracker then leaves its slot table for a Map, and `offerInRecord`
   * answers SLOW): a SLOW answer sends both to the string path, any other must be the model's.
   */
  colliding?: boolean;
  /** Steps per record: fewer than this. */
  steps?: number;
  /** A username to offer: plain ASCII or not. */
  value?: (rnd: (n: number) => number, ascii: boolean) => string;
}

function smallPool(rnd: (n: number) => number, ascii: boolean): string {
  return ascii ? ASCII_VALUES[rnd(ASCII_VALUES.length)] : OTHER_VALUES[rnd(OTHER_VALUES.length)];
}

/** Runs one random history through the model and the tracker, comparing after every step. */
function runPlan(p: Plan): { findings: number; codes: Set<number>; distinct: number } {
  const rnd = rng(p.seed);
  const model = new Model(p.store);
  const real = new Real(p.store);
  const codes = new Set<number>();
  let line = p.line0;
  const at = (i: number) => `seed ${p.seed}, step ${i}`;
  for (let r = 0; r < p.records; r++) {
    const record = p.record0 + r;
    const dn = rnd(6) === 0 ? undefined : DNS[rnd(DNS.length)];
    const kind = rnd(5);
    // 0: content, 1: content with a known DN hash, 2: add, 3 and 4: modify.
    const remember = kind >= 2;
    const fine = kind >= 3;
    if (kind === 1 && dn !== undefined) {
      real.t.setEntryOwner(dnHashOf(dn), () => dn);
      model.setEntry(dn, false, false);
    } else {
      real.t.setEntry(dn, remember, fine);
      model.setEntry(dn, remember, fine);
    }
    const steps = rnd(p.steps ?? 5);
    for (let i = 0; i < steps; i++) {
      const what = rnd(20);
      const step = at(r * 10 + i);
      if (what === 0) {
        const keys = rnd(2) ? undefined : [usernameFoldKey(ASCII_VALUES[rnd(ASCII_VALUES.length)]), usernameFoldKey(OTHER_VALUES[rnd(6)])];
        real.t.release(keys);
        model.release(keys);
        continue;
      }
      if (what === 1) {
        const to = DNS[rnd(DNS.length)];
        real.t.rename(to);
        model.rename(to);
        continue;
      }
      const ascii = rnd(3) > 0;
      const value = (p.value ?? smallPool)(rnd, ascii);
      const key = usernameFoldKey(value);
      if (what === 2) {
        assert.equal(real.t.heldBy(value, key, record), model.heldBy(value, key, record), `${step}: heldBy ${value}`);
        continue;
      }
      line += 1 + rnd(3);
      const col = rnd(40);
      const wide = rnd(8) === 0;
      const range: Range = wide
        ? { startLine: line, startColumn: col, endLine: line + 1, endColumn: 3 }
        : { startLine: line, startColumn: col, endLine: line, endColumn: col + value.length };
      if (wide) line++;
      const how = ascii && !wide ? rnd(4) : rnd(2);
      if (how === 0) {
        real.keep(real.t.offer({ value, encoding: 'plain', valueRange: range, specRange: range, foldKey: key }, record));
        model.offer(value, key, range, record);
      } else if (how === 1) {
        real.keep(real.t.offerValue(value, key, range, record, rnd(2) === 0));
        model.offer(value, key, range, record);
      } else {
        const buf = Buffer.from(`::${value}::`, 'latin1');
        const cased = value !== value.toLowerCase();
        if (how === 2) {
          real.keep(real.t.offerBytes(buf, 2, 2 + value.length, hashOf(key), cased, line, col, record));
          model.offer(value, key, range, record);
        } else {
          const got = real.t.offerInRecord(buf, 2, 2 + value.length, hashOf(key), cased, line, col, record);
          if (!(p.colliding && got === SLOW))
            assert.equal(got, model.offerInRecord(value, range, record), `${step}: offerInRecord ${value}`);
          codes.add(got);
          if (got === SLOW) {
            real.keep(real.t.offerValue(value, key, range, record, false));
            model.offer(value, key, range, record);
          }
        }
      }
      assert.equal(real.t.lastFirstRecord, model.lastFirstRecord, `${step}: lastFirstRecord after ${value}`);
    }
  }
  // Finding by finding: a diff of two lists of thousands takes seconds, which a mutation run counts as a timeout.
  const got = real.all(),
    want = [...model.findings].sort(compareFindings);
  for (let i = 0; i < Math.min(got.length, want.length); i++) assert.deepEqual(got[i], want[i], `seed ${p.seed}: finding ${i}`);
  assert.equal(got.length, want.length, `seed ${p.seed}: findings`);
  assert.equal(real.t.distinct, model.distinct, `seed ${p.seed}: distinct`);
  return { findings: model.findings.length, codes, distinct: model.distinct };
}

describe('DuplicateTracker against a Map model, every offer path and change record', () => {
  it('gives the same findings, answers and holdings over 400 random histories, with and without a store', () => {
    let findings = 0;
    const codes = new Set<number>();
    for (let seed = 1; seed <= 400; seed++) {
      const r = runPlan({ seed, store: seed % 2 === 0, records: 40, record0: 0, line0: 0 });
      findings += r.findings;
      for (const c of r.codes) codes.add(c);
    }
    // The histories reach every answer and plenty of findings (not a model that agrees by saying nothing).
    assert.deepEqual([...codes].sort(), [OFFERED, REPEAT, SLOW]);
    assert.ok(findings > 2000, `${findings} findings`);
  });

  it('gives the same findings when record and line numbers cross 2^31 (a file of billions of lines)', () => {
    for (let seed = 1; seed <= 60; seed++)
      runPlan({ seed, store: seed % 2 === 0, records: 30, record0: INT_MAX - 12, line0: INT_MAX - 40 });
  });

  it('gives the same findings over 30 000 usernames, 12 000 of them distinct (the index grows past its first column block)', () => {
    const spell = ['user.', 'User.', 'USER.', 'uSer.'];
    const r = runPlan({
      seed: 99,
      store: true,
      records: 10_000,
      record0: 0,
      line0: 0,
      steps: 7,
      value: (rnd, ascii) => (ascii ? `${spell[rnd(4)]}${rnd(12_000)}` : `Üser.${rnd(1_000)}`),
    });
    assert.ok(r.findings > 5000, `${r.findings} findings`);
    assert.ok(r.distinct > 8192, `${r.distinct} usernames`);
  });

  it('gives the same findings for one username in hundreds of spellings, across releases (the spelling table grows)', () => {
    // Random capitals of two keys: up to 1024 spellings each, most of them new when offered.
    const spelled = (rnd: (n: number) => number, word: string) => [...word].map((c) => (rnd(2) ? c.toUpperCase() : c)).join('');
    for (let seed = 1; seed <= 4; seed++) {
      const r = runPlan({
        seed,
        store: seed % 2 === 0,
        records: 1500,
        record0: 0,
        line0: 0,
        value: (rnd, ascii) => (ascii ? spelled(rnd, rnd(4) ? 'username.x' : 'other.name') : spelled(rnd, 'üsername')),
      });
      assert.ok(r.findings > 1000, `${r.findings} findings`);
    }
  });

  it('gives the same findings for keys crafted to collide in the slot table, on every offer path', () => {
    // 150 keys whose hashes share their low 10 bits: one probe run far past the limit.
    const keys: string[] = [];
    for (let i = 0; keys.length < 150; i++) if ((hashOf(`k${i}`) & 1023) === 5) keys.push(`k${i}`);
    for (let seed = 1; seed <= 6; seed++) {
      const r = runPlan({
        seed,
        store: seed % 2 === 0,
        records: 300,
        record0: 0,
        line0: 0,
        colliding: true,
        // With keys that do not collide, which once in the Map must never be looked up in the slot table again.
        value: (rnd, ascii) =>
          rnd(2) ? `${rnd(2) ? 'n' : 'N'}${rnd(60)}` : ascii ? keys[rnd(keys.length)] : keys[rnd(keys.length)].toUpperCase(),
      });
      assert.ok(r.distinct > 100, `${r.distinct} usernames`);
    }
  });
});
