/**
 * Glob matching for the include/exclude settings, over workspace-relative
 * paths with `/` separators. Pure, so the editor, the workspace scan and the
 * unit tests agree on what a pattern means. Supports `**`, `*`, `?`, `{a,b}`
 * and `[…]` — the subset VS Code's own settings document.
 *
 * The patterns come from workspace settings, i.e. from whoever wrote the
 * repository, and matching runs on the extension host's main thread. A glob
 * turned into a JavaScript RegExp backtracks (`**∕*a*a*a*a*a*a*b` takes
 * minutes on a long path), and picomatch/minimatch build such RegExps too. So
 * a glob is compiled to a small automaton (Thompson's construction) and run
 * as a set of states: every path character visits each state at most once,
 * which bounds the cost by pattern length × path length for every pattern.
 * Sets already seen are cached with their transitions, so the usual case is
 * one map lookup per character.
 */

type GlobItem =
  | { kind: 'literal'; codePoint: number }
  /** `?`: one character of a segment. */
  | { kind: 'one' }
  /** `*`: any run of characters within one segment. */
  | { kind: 'segmentRun' }
  /** `**` not followed by `/`: anything, across segments. */
  | { kind: 'anything' }
  /** `**∕` at a segment start: zero or more whole directories. */
  | { kind: 'directories' }
  | { kind: 'class'; negated: boolean; ranges: Array<[number, number]> }
  | { kind: 'alternatives'; options: GlobItem[][] };

const SLASH = 0x2f;

/** Which `{` closes at which `}` (unmatched braces are literal text). `[…]` hides its content. */
function matchBraces(chars: readonly string[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '[') {
      const close = chars.indexOf(']', i + 1);
      if (close > 0) i = close;
    } else if (chars[i] === '{') {
      open.push(i);
    } else if (chars[i] === '}' && open.length > 0) {
      pairs.set(open.pop()!, i);
    }
  }
  return pairs;
}

function parseClass(body: readonly string[]): GlobItem {
  let start = 0;
  const negated = body[0] === '!' || body[0] === '^';
  if (negated) start = 1;
  const ranges: Array<[number, number]> = [];
  for (let i = start; i < body.length; i++) {
    const from = body[i].codePointAt(0)!;
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body[i + 2].codePointAt(0)!;
      ranges.push(from <= to ? [from, to] : [to, from]);
      i += 2;
    } else {
      ranges.push([from, from]);
    }
  }
  return { kind: 'class', negated, ranges };
}

/** Parses `chars[from, to)` into a sequence; `,` splits alternatives only inside a matched brace. */
function parseSequence(chars: readonly string[], from: number, to: number, braces: Map<number, number>): GlobItem[][] {
  const options: GlobItem[][] = [[]];
  let items = options[0];
  for (let i = from; i < to; i++) {
    const c = chars[i];
    if (c === '*') {
      if (chars[i + 1] === '*') {
        const atSegmentStart = i === 0 || chars[i - 1] === '/';
        i++;
        if (chars[i + 1] === '/' && atSegmentStart) {
          i++;
          items.push({ kind: 'directories' });
        } else {
          items.push({ kind: 'anything' });
        }
      } else {
        items.push({ kind: 'segmentRun' });
      }
    } else if (c === '?') {
      items.push({ kind: 'one' });
    } else if (c === '{' && braces.has(i)) {
      const close = braces.get(i)!;
      items.push({ kind: 'alternatives', options: parseSequence(chars, i + 1, close, braces) });
      i = close;
    } else if (c === ',' && from > 0 && braces.get(from - 1) === to) {
      items = [];
      options.push(items);
    } else if (c === '[' && chars.indexOf(']', i + 1) > 0 && chars.indexOf(']', i + 1) < to) {
      const close = chars.indexOf(']', i + 1);
      items.push(parseClass(chars.slice(i + 1, close)));
      i = close;
    } else {
      items.push({ kind: 'literal', codePoint: c.codePointAt(0)! });
    }
  }
  return options;
}

/** An automaton state: consume one character that passes `test`, or branch without consuming. */
type State = { kind: 'step'; test: (codePoint: number) => boolean; next: number } | { kind: 'branch'; next: number[] } | { kind: 'accept' };

const anyInSegment = (cp: number) => cp !== SLASH;
const anyAtAll = () => true;

class AutomatonBuilder {
  readonly states: State[] = [{ kind: 'accept' }];

  private add(state: State): number {
    this.states.push(state);
    return this.states.length - 1;
  }

  /** A loop: repeat `body` (built to come back here) any number of times, then go on to `next`. */
  private loop(next: number, body: (back: number) => number): number {
    const branch = this.add({ kind: 'branch', next: [] });
    (this.states[branch] as { next: number[] }).next.push(body(branch), next);
    return branch;
  }

  /** Builds right to left, so each item knows the state that follows it. */
  sequence(items: readonly GlobItem[], next: number): number {
    let start = next;
    for (let i = items.length - 1; i >= 0; i--) start = this.item(items[i], start);
    return start;
  }

  private item(item: GlobItem, next: number): number {
    switch (item.kind) {
      case 'literal':
        return this.add({ kind: 'step', test: (cp) => cp === item.codePoint, next });
      case 'one':
        return this.add({ kind: 'step', test: anyInSegment, next });
      case 'segmentRun':
        return this.loop(next, (back) => this.add({ kind: 'step', test: anyInSegment, next: back }));
      case 'anything':
        return this.loop(next, (back) => this.add({ kind: 'step', test: anyAtAll, next: back }));
      case 'directories':
        return this.loop(next, (back) => {
          const slash = this.add({ kind: 'step', test: (cp) => cp === SLASH, next: back });
          return this.loop(slash, (inner) => this.add({ kind: 'step', test: anyInSegment, next: inner }));
        });
      case 'class': {
        const { negated, ranges } = item;
        const inRanges = (cp: number) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
        return this.add({ kind: 'step', test: (cp) => cp !== SLASH && inRanges(cp) !== negated, next });
      }
      case 'alternatives':
        return this.add({ kind: 'branch', next: item.options.map((option) => this.sequence(option, next)) });
    }
  }
}

/** A compiled glob: `test(path)` costs O(pattern length × path length). */
export interface GlobMatcher {
  test(path: string): boolean;
}

/** A set of automaton states, with its transitions cached per character (a lazily built DFA, as RE2 does). */
interface StateSet {
  states: number[];
  accepting: boolean;
  next: Map<number, StateSet>;
}

/** Bounds the cached sets and transitions per glob; past that the cache starts again, so memory stays bounded too. */
const MAX_STATE_SETS = 1_000;
const MAX_TRANSITIONS = 100_000;

class Automaton {
  private readonly seen: Int32Array;
  private round = 0;
  private sets = new Map<string, StateSet>();
  private transitions = 0;
  private start: StateSet;

  constructor(
    private readonly states: readonly State[],
    private readonly startState: number
  ) {
    this.seen = new Int32Array(states.length).fill(-1);
    this.start = this.startSet();
  }

  test(path: string): boolean {
    let current = this.start;
    for (const ch of path) {
      if (current.states.length === 0) return false;
      const cp = ch.codePointAt(0)!;
      let following = current.next.get(cp);
      if (!following) {
        following = this.step(current, cp);
        current.next.set(cp, following);
      }
      current = following;
    }
    return current.accepting;
  }

  private startSet(): StateSet {
    this.round++;
    const into: number[] = [];
    this.enter(this.startState, into);
    return this.intern(into);
  }

  /** Every state reachable in one character: O(number of states). */
  private step(from: StateSet, cp: number): StateSet {
    if (this.sets.size >= MAX_STATE_SETS || ++this.transitions >= MAX_TRANSITIONS) {
      this.sets = new Map();
      this.transitions = 0;
      this.start = this.startSet();
    }
    this.round++;
    const into: number[] = [];
    for (const s of from.states) {
      const state = this.states[s];
      if (state.kind === 'step' && state.test(cp)) this.enter(state.next, into);
    }
    return this.intern(into);
  }

  /** Adds `first` and every state it reaches without consuming a character; each state once per round. */
  private enter(first: number, into: number[]): void {
    const stack = [first];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (this.seen[s] === this.round) continue;
      this.seen[s] = this.round;
      const state = this.states[s];
      if (state.kind === 'branch') for (let k = state.next.length - 1; k >= 0; k--) stack.push(state.next[k]);
      else into.push(s);
    }
  }

  private intern(states: number[]): StateSet {
    states.sort((a, b) => a - b);
    const key = states.join(',');
    let set = this.sets.get(key);
    if (!set) {
      set = { states, accepting: states.includes(0), next: new Map() };
      this.sets.set(key, set);
    }
    return set;
  }
}

function compile(glob: string): GlobMatcher {
  const chars = Array.from(glob);
  const builder = new AutomatonBuilder();
  const start = builder.sequence(parseSequence(chars, 0, chars.length, matchBraces(chars))[0], 0);
  return new Automaton(builder.states, start);
}

const MAX_CACHED = 256;
const cache = new Map<string, GlobMatcher>();

/** Compiles one glob (case-sensitive, like VS Code on Linux); compiled globs are cached. */
export function compileGlob(glob: string): GlobMatcher {
  let matcher = cache.get(glob);
  if (!matcher) {
    if (cache.size >= MAX_CACHED) cache.clear();
    matcher = compile(glob);
    cache.set(glob, matcher);
  }
  return matcher;
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** True when the path matches one of the globs. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  const p = normalize(path);
  return globs.some((g) => compileGlob(normalize(g)).test(p));
}

/** The include/exclude decision for one workspace-relative (or absolute) path. */
export function isIncluded(path: string, include: readonly string[], exclude: readonly string[]): boolean {
  return matchesAny(path, include) && !matchesAny(path, exclude);
}

/** `{a,b}` for `workspace.findFiles`, which takes one glob. */
export function joinGlobs(globs: readonly string[]): string | undefined {
  if (globs.length === 0) return undefined;
  return globs.length === 1 ? globs[0] : `{${globs.join(',')}}`;
}
