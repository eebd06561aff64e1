import { dirname } from 'node:path';
import { compareFindings, courseAmong, courseRecordText, type Finding, type LintedSession, type Linter } from '../core';

/** What the course findings read of an analysis (the store's `SessionAnalysis`). */
interface Analysed {
  path: string;
  findings: Finding[];
  linted?: LintedSession;
  gone?: true;
}

/**
 * The course rules in the editor. Each session is linted on its own; its course findings (see
 * docs/format.md#courses) are added from the other analysed sessions beside it, and when a session
 * changes what it says to its course (client, number, date, stage, goals), the sessions after it
 * get theirs again, without being parsed again.
 */
export class CourseFindings {
  // Each analysis's findings without the course rules', to add a new course's findings to.
  private readonly own = new WeakMap<Analysed, Finding[]>();
  // What each session last said to its course, by uri.
  private readonly records = new Map<string, string>();

  /** The analysis with the findings of its course among `others` (the store's analyses); the same object when it has no linted session. */
  add<A extends Analysed>(analysis: A, others: readonly Analysed[], linter: Linter): A {
    if (!analysis.linted) return analysis;
    if (!this.own.has(analysis)) this.own.set(analysis, analysis.findings);
    const result = { ...analysis, findings: this.combined(analysis, others, linter) ?? analysis.findings };
    this.carry(analysis, result);
    return result;
  }

  /** Makes `to`, a copy of `from` (the same text analysed again), know `from`'s own findings. */
  carry(from: Analysed, to: Analysed): void {
    const own = this.own.get(from);
    if (own) this.own.set(to, own);
  }

  /** Whether the analysis says something else to its course than the last one of the same file did (or the file is gone: `analysis` undefined). */
  changedCourse(uri: string, analysis: Analysed | undefined): boolean {
    const record = analysis?.linted ? courseRecordText({ path: analysis.path, session: analysis.linted.session }) : undefined;
    const before = this.records.get(uri);
    if (record === undefined) this.records.delete(uri);
    else this.records.set(uri, record);
    return before !== record;
  }

  /** The analyses beside `path` whose findings change with their course as `all` has it now, each as a new analysis. */
  refreshed<A extends Analysed>(path: string, all: readonly A[], linter: Linter): A[] {
    const folder = dirname(path);
    const updated: A[] = [];
    for (const sibling of all) {
      if (sibling.path === path || dirname(sibling.path) !== folder || !sibling.linted) continue;
      const findings = this.combined(sibling, all, linter);
      if (!findings || sameFindings(findings, sibling.findings)) continue;
      const next = { ...sibling, findings };
      this.carry(sibling, next);
      updated.push(next);
    }
    return updated;
  }

  // The analysis's own findings with its course's; undefined when its own findings are unknown.
  private combined(analysis: Analysed, others: readonly Analysed[], linter: Linter): Finding[] | undefined {
    const own = this.own.get(analysis);
    if (!own || !analysis.linted) return undefined;
    const placed = others.flatMap((o) => (o.linted && !o.gone ? [{ path: o.path, session: o.linted.session }] : []));
    const course = courseAmong({ path: analysis.path, session: analysis.linted.session }, placed);
    const found = course ? linter.courseFindings(analysis.linted, course) : [];
    return found.length === 0 ? own : [...own, ...found].sort(compareFindings);
  }
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return (
    a.length === b.length && a.every((f, i) => f.ruleId === b[i]!.ruleId && f.message === b[i]!.message && f.range.start.offset === b[i]!.range.start.offset)
  );
}
