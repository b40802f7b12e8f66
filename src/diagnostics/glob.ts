/**
 * Glob matching for the include/exclude settings, over workspace-relative
 * paths with `/` separators. Pure, so the editor, the workspace scan and the
 * unit tests agree on what a pattern means. Supports `**`, `*`, `?`, `{a,b}`
 * and `[…]` — the subset VS Code's own settings document.
 */

const cache = new Map<string, RegExp>();

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** Translates one glob to an anchored regular expression (case-sensitive, like VS Code on Linux). */
export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let re = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` anything.
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        i++;
        if (glob[i + 1] === '/' && atSegmentStart) {
          i++;
          re += '(?:[^/]*/)*';
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      braceDepth++;
      re += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      re += ')';
    } else if (c === ',' && braceDepth > 0) {
      re += '|';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) {
        re += '\\[';
      } else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else {
      re += escapeRegExp(c);
    }
  }
  const result = new RegExp(`^${re}$`);
  cache.set(glob, result);
  return result;
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** True when the path matches one of the globs. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  const p = normalize(path);
  return globs.some((g) => globToRegExp(normalize(g)).test(p));
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
