import { ApiError } from './errors';

/**
 * A small SCIM filter (RFC 7644 §3.4.2.2) parser: `attr op "value"`, `and`, `or`, parentheses.
 * Only the operators/attributes an endpoint allows are accepted (PingOne Platform API, Paging, ordering and collections).
 */
export type FilterNode =
  { kind: 'compare'; attribute: string; operator: string; value: string } | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode };

export interface FilterRules {
  /** lower-cased attribute → allowed lower-cased operators */
  allowed: Record<string, string[]>;
}

function invalidFilter(message: string): ApiError {
  return new ApiError(400, 'INVALID_DATA', 'The request could not be completed. One or more validation errors were in the request.', [
    { code: 'INVALID_FILTER', target: 'filter', message },
  ]);
}

/**
 * Bounds on one filter, so a hostile query cannot exhaust the stack (the parser and `matchesFilter`
 * recurse once per nesting level and per `and`/`or`). PingOne's own limits are UNCONFIRMED (PingOne
 * Platform API, Filtering data): these are far above any filter the toolkit sends, and a filter past
 * them is refused as INVALID_FILTER instead of failing as a server error.
 */
export const MAX_FILTER_DEPTH = 32;
export const MAX_FILTER_COMPARISONS = 100;

type Token = { type: 'word' | 'string' | 'lparen' | 'rparen'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(') {
      tokens.push({ type: 'lparen', text: c });
      i++;
      continue;
    }
    if (c === ')') {
      tokens.push({ type: 'rparen', text: c });
      i++;
      continue;
    }
    if (c === '"') {
      // JSON-style escapes inside values (RFC 7644); PingOne's own handling is UNCONFIRMED (PingOne Platform API, Users).
      let j = i + 1;
      let raw = '"';
      while (j < input.length && input[j] !== '"') {
        if (input[j] === '\\') {
          raw += input[j] + (input[j + 1] ?? '');
          j += 2;
          continue;
        }
        raw += input[j++];
      }
      if (j >= input.length) throw invalidFilter('Unterminated string in filter');
      raw += '"';
      let value: string;
      try {
        value = JSON.parse(raw) as string;
      } catch {
        throw invalidFilter('Invalid escape in filter value');
      }
      tokens.push({ type: 'string', text: value });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/[\s()"]/.test(input[j])) j++;
    tokens.push({ type: 'word', text: input.slice(i, j) });
    i = j;
  }
  return tokens;
}

export function parseFilter(input: string, rules: FilterRules): FilterNode {
  const tokens = tokenize(input);
  let pos = 0;
  let depth = 0;
  let comparisonCount = 0;
  const peekWord = (): string | undefined => (tokens[pos]?.type === 'word' ? tokens[pos].text.toLowerCase() : undefined);

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (peekWord() === 'or') {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parseTerm();
    while (peekWord() === 'and') {
      pos++;
      left = { kind: 'and', left, right: parseTerm() };
    }
    return left;
  };
  const parseTerm = (): FilterNode => {
    const token = tokens[pos];
    if (!token) throw invalidFilter('Unexpected end of filter');
    if (token.type === 'lparen') {
      if (++depth > MAX_FILTER_DEPTH) throw invalidFilter(`Filter nests parentheses deeper than ${MAX_FILTER_DEPTH} levels`);
      pos++;
      const inner = parseOr();
      if (tokens[pos]?.type !== 'rparen') throw invalidFilter('Missing closing parenthesis');
      pos++;
      depth--;
      return inner;
    }
    if (token.type !== 'word') throw invalidFilter(`Unexpected "${token.text}"`);
    const attribute = token.text.toLowerCase();
    const operator = tokens[pos + 1]?.type === 'word' ? tokens[pos + 1].text.toLowerCase() : '';
    const value = tokens[pos + 2];
    const allowedOps = rules.allowed[attribute];
    if (!allowedOps) throw invalidFilter(`Attribute "${token.text}" is not supported in filters on this resource`);
    if (!allowedOps.includes(operator)) throw invalidFilter(`Operator "${operator}" is not supported for "${token.text}"`);
    if (!value || value.type !== 'string') throw invalidFilter('Filter values must be quoted strings');
    if (++comparisonCount > MAX_FILTER_COMPARISONS) throw invalidFilter(`Filter has more than ${MAX_FILTER_COMPARISONS} comparisons`);
    pos += 3;
    return { kind: 'compare', attribute, operator, value: value.text };
  };

  const tree = parseOr();
  if (pos !== tokens.length) throw invalidFilter(`Unexpected "${tokens[pos].text}"`);
  return tree;
}

/**
 * Evaluates a filter against an item. Comparisons are case-insensitive, as for SCIM attributes that are
 * not caseExact (RFC 7643 userName); PingOne's exact case rule is UNCONFIRMED (PingOne Platform API, Users; PingOne docs, User attributes: supported characters).
 */
export function matchesFilter(node: FilterNode, read: (attribute: string) => string | undefined): boolean {
  if (node.kind !== 'compare') {
    return node.kind === 'and'
      ? matchesFilter(node.left, read) && matchesFilter(node.right, read)
      : matchesFilter(node.left, read) || matchesFilter(node.right, read);
  }
  const actual = read(node.attribute);
  if (actual === undefined) return false;
  const a = actual.toLowerCase();
  const v = node.value.toLowerCase();
  switch (node.operator) {
    case 'eq':
      return a === v;
    case 'sw':
      return a.startsWith(v);
    default:
      return false;
  }
}

/** Names every attribute/operator pair in a filter (environments ignore `limit` with some). */
export function comparisons(node: FilterNode): Array<{ attribute: string; operator: string }> {
  if (node.kind === 'compare') return [{ attribute: node.attribute, operator: node.operator }];
  return [...comparisons(node.left), ...comparisons(node.right)];
}
