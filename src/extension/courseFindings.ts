import { dirname, isAbsolute } from 'node:path';
import { compareFindings, courseContext, courseSessionOf, type CourseSession, type Finding, type LintedSession, type Linter } from '../core';

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
  private readonly records = new Map<string, CourseSession>();

  /** The analysis with the findings of its course among `others` (the store's analyses); the same object when it has no linted session. */
  add<A extends Analysed>(analysis: A, others: readonly Analysed[], linter: Linter): A {
    // A new, unsaved file is in no folder, so in no course.
    if (!analysis.linted || !isAbsolute(analysis.path)) return analysis;
    if (!this.own.has(analysis)) this.own.set(analysis, analysis.findings);
    const result = { ...analysis, findings: this.combined(analysis, recordsBeside(analysis.path, others), linter) ?? analysis.findings };
    this.carry(analysis, result);
    return result;
  }

  /** Makes `to`, a copy of `from` (the same text analysed again), know `from`'s own findings. */
  carry(from: Analysed, to: Analysed): void {
    const own = this.own.get(from);
    if (own) this.own.set(to, own);
  }

  /**
   * The courses (client or course keys) whose sessions may have other findings now that the
   * analysis says something else to its course than the last one of the same file did (or the file
   * is gone: `analysis` undefined); none when it says the same.
   */
  changedCourses(uri: string, analysis: Analysed | undefined): Set<string> {
    const record = analysis?.linted ? courseSessionOf(analysis.path, analysis.linted.session) : undefined;
    const before = this.records.get(uri);
    if (record === undefined) this.records.delete(uri);
    else this.records.set(uri, record);
    if (JSON.stringify(before) === JSON.stringify(record)) return new Set();
    return new Set([before?.key, record?.key].filter((key): key is string => key !== undefined));
  }

  /** The analyses beside `path` of the courses `keys` whose findings change with their course as `all` has it now, each as a new analysis. */
  refreshed<A extends Analysed>(path: string, keys: ReadonlySet<string>, all: readonly A[], linter: Linter): A[] {
    if (keys.size === 0) return [];
    const records = recordsBeside(path, all);
    const byPath = new Map(records.map((r) => [r.path, r]));
    const updated: A[] = [];
    for (const sibling of all) {
      const record = byPath.get(sibling.path);
      if (sibling.path === path || !record?.key || !keys.has(record.key)) continue;
      const findings = this.combined(sibling, records, linter);
      if (!findings || sameFindings(findings, sibling.findings)) continue;
      const next = { ...sibling, findings };
      this.carry(sibling, next);
      updated.push(next);
    }
    return updated;
  }

  // The analysis's own findings with its course's among the records of its folder; undefined when its own findings are unknown.
  private combined(analysis: Analysed, folder: readonly CourseSession[], linter: Linter): Finding[] | undefined {
    const own = this.own.get(analysis);
    if (!own || !analysis.linted) return undefined;
    const course = courseContext(courseSessionOf(analysis.path, analysis.linted.session), folder);
    const found = course ? linter.courseFindings(analysis.linted, course) : [];
    return found.length === 0 ? own : [...own, ...found].sort(compareFindings);
  }
}

// The course records of the analysed sessions in the folder of `path`.
function recordsBeside(path: string, all: readonly Analysed[]): CourseSession[] {
  const folder = dirname(path);
  return all.flatMap((a) => (a.linted && !a.gone && dirname(a.path) === folder ? [courseSessionOf(a.path, a.linted.session)] : []));
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return (
    a.length === b.length && a.every((f, i) => f.ruleId === b[i]!.ruleId && f.message === b[i]!.message && f.range.start.offset === b[i]!.range.start.offset)
  );
}
