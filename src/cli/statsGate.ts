import { clockSeconds, clockText, fidelityGate, segmentReports, type FileReport, type SegmentWindow, type StatsReport } from '../core';
import { displayPath } from './files';
import { UsageError, type RunOptions } from './io';

// What `session-md stats` adds for fidelity coding: `--from`/`--to` score a coded segment, and
// `--fail-below fair|good` turns the scores a codebook judges into a CI gate (exit 1).

/** The levels `--fail-below` takes. */
const GATE_LEVELS = ['fair', 'good'] as const;
type GateLevel = (typeof GATE_LEVELS)[number];

/** The segment `--from` and `--to` ask for, or undefined when neither is given; a usage error for a time that is no time. */
export function segmentOption(values: Record<string, unknown>): SegmentWindow | undefined {
  const read = (name: 'from' | 'to'): number | undefined => {
    const text = values[name];
    if (typeof text !== 'string') return undefined;
    const seconds = clockSeconds(text);
    if (seconds === undefined) throw new UsageError(`--${name} should be a time such as 00:10:00 (hh:mm:ss) or 10:00 (mm:ss)`);
    return seconds;
  };
  const from = read('from');
  const to = read('to');
  if (from === undefined && to === undefined) return undefined;
  if (from !== undefined && to !== undefined && from >= to) throw new UsageError(`--from (${clockText(from)}) should be before --to (${clockText(to)})`);
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

/** The level `--fail-below` asks for, or undefined; a usage error for another word. */
export function gateOption(values: Record<string, unknown>): GateLevel | undefined {
  const level = values['fail-below'];
  if (level === undefined) return undefined;
  if (!(GATE_LEVELS as readonly unknown[]).includes(level)) throw new UsageError(`unknown level '${String(level)}' for --fail-below; use fair or good`);
  return level as GateLevel;
}

/** The transcripts cut to the segment; each one without timestamps is named on stderr and left out (then `untimed` is true: exit 2). */
export function cutToSegment<R extends FileReport>(
  transcripts: readonly R[],
  window: SegmentWindow,
  options: RunOptions,
): { transcripts: R[]; untimed: boolean } {
  const { reports, untimed } = segmentReports(transcripts, window);
  const segment = describeSegment(window);
  for (const path of untimed)
    options.stderr.write(`session-md: ${displayPath(path, options.cwd)}: no timestamps, so the segment ${segment} cannot be found in it; it is left out\n`);
  return { transcripts: reports, untimed: untimed.length > 0 };
}

/** `from 00:10:00 to 00:30:00`, `from 00:10:00` or `to 00:30:00`. */
export function describeSegment(window: SegmentWindow): string {
  return [window.from === undefined ? '' : `from ${clockText(window.from)}`, window.to === undefined ? '' : `to ${clockText(window.to)}`]
    .filter(Boolean)
    .join(' ');
}

/** The line the table starts with when a segment is scored. */
export function segmentHeading(window: SegmentWindow): string {
  const bounds = [window.from === undefined ? '' : `turns from ${clockText(window.from)}`, window.to === undefined ? '' : `before ${clockText(window.to)}`]
    .filter(Boolean)
    .join(', ');
  return `Coded segment: ${clockText(window.from ?? 0)} to ${window.to === undefined ? 'the end' : clockText(window.to)} (${bounds}; a turn without a timestamp takes the one before it)\n\n`;
}

/** Names on stderr each judged score below `level`, and each that could not be judged; true when some score is below (exit 1). */
export function applyGate(report: StatsReport, level: GateLevel, options: RunOptions): boolean {
  const { below, unjudged, judged } = fidelityGate(report, level);
  if (!judged) options.stderr.write('session-md: no session has a score with thresholds (their codebooks declare none), so --fail-below judged nothing\n');
  for (const { file, score } of below) {
    const threshold = `${score.thresholds![level]}${score.percent ? '%' : ''}`;
    options.stderr.write(`session-md: ${file}: ${score.label} ${score.figure} is below ${level} (${threshold})\n`);
  }
  for (const { file, score } of unjudged)
    options.stderr.write(`session-md: ${file}: ${score.label} not judged: ${score.figure.replace(/^– \((.*)\)$/, '$1')}\n`);
  return below.length > 0;
}
