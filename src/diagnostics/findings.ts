/**
 * Pure steps between the engine's findings and what gets published: the
 * per-code severity override ("off" removes) and the per-file cap with a
 * summary line (cSpell's maxNumberOfProblems).
 */
import type { Finding, FindingCode, Severity, SeveritySetting } from '../usernames/types';

export function effectiveSeverity(f: Finding, overrides: Partial<Record<FindingCode, SeveritySetting>>): Severity | undefined {
  const s = overrides[f.code] ?? f.severity;
  return s === 'off' ? undefined : s;
}

export interface Published {
  finding: Finding;
  severity: Severity;
}

export interface Capped {
  shown: Published[];
  /** How many more problems exist than are shown. */
  hidden: number;
}

/** Applies the overrides, then keeps the first `max` findings by position. */
export function selectFindings(
  findings: readonly Finding[],
  overrides: Partial<Record<FindingCode, SeveritySetting>>,
  max: number,
  alsoHidden = 0
): Capped {
  const shown: Published[] = [];
  let hidden = alsoHidden;
  for (const f of findings) {
    const severity = effectiveSeverity(f, overrides);
    if (!severity) continue;
    if (shown.length < max) shown.push({ finding: f, severity });
    else hidden++;
  }
  return { shown, hidden };
}

/** README anchor of a rule; GitHub makes heading anchors lower-case with hyphens, which the codes already are. */
export function ruleAnchor(code: string): string {
  return code;
}
