import type { RuleSetting } from '../config/config';
import type { Finding, Session, Severity } from '../model';
import { RULES } from './rules';
import type { Rule, RuleContext } from './types';

/** What the rules need besides the session: settings and the codebook in force. */
export type LintEnvironment = Omit<RuleContext, 'session' | 'report'>;

/** Runs every enabled rule over a parsed session and returns the findings in document order. */
export function lintSession(session: Session, environment: LintEnvironment, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  const overrides = session.frontMatter?.rules ?? {};
  for (const rule of rules) {
    const severity = effectiveSeverity(rule, overrides[rule.id] as RuleSetting | undefined, environment.config.rules[rule.id]);
    if (severity === 'off') continue;
    const context: RuleContext = {
      ...environment,
      session,
      report: (report) => {
        const finding: Finding = { ruleId: rule.id, severity, message: report.message, range: report.range };
        if (report.fixes && report.fixes.length > 0) finding.fixes = report.fixes;
        findings.push(finding);
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      // A rule bug must not hide the other rules' findings or crash a CI run.
      findings.push({
        ruleId: rule.id,
        severity: 'error',
        message: `Internal error in rule '${rule.id}': ${error instanceof Error ? error.message : String(error)}`,
        range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      });
    }
  }
  return findings.sort(compareFindings);
}

function effectiveSeverity(rule: Rule, fromFile: RuleSetting | undefined, fromConfig: RuleSetting | undefined): Severity | 'off' {
  return fromFile ?? fromConfig ?? rule.defaultSeverity;
}

/** Whether any of `rules` is on for this session (front matter first, then the config), e.g. to skip work only they need. */
export function anyRuleOn(session: Session, config: LintEnvironment['config'], rules: readonly Rule[]): boolean {
  const overrides = session.frontMatter?.rules ?? {};
  return rules.some((rule) => effectiveSeverity(rule, overrides[rule.id] as RuleSetting | undefined, config.rules[rule.id]) !== 'off');
}

/** Orders findings by position, then by rule id, so output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset || a.ruleId.localeCompare(b.ruleId);
}
