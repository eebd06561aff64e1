import { cueStart, cuesToTranscript, type Cue, type CueOptions } from './cues';
import { excerpt } from '../../text/excerpt';
import { ImportError, type ImportedTranscript, type ImportWarning } from './types';

/** How WebVTT and SRT cues are read. */
export interface CueReadOptions extends CueOptions {
  /**
   * Leave out a bad cue (a timing such as `00:00:69.000`, or text with no timing), as browsers
   * do, and list it as a warning. By default its words are kept in the cue before it.
   */
  skipBadCues?: boolean;
}

/** A cue as found in the file: the line it starts on, its timing line (none for text without one) and its text lines. */
export interface FoundCue {
  line: number;
  timing?: string;
  lines: string[];
  /** Why the cue has no timing, shown when it is left out or kept: the line a timing was expected on. */
  expected?: string;
}

/** Lines of a text without its BOM, split at CRLF, CR or LF as the WebVTT and SRT parsers do. */
export function textLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/**
 * Turns found cues into utterances. A cue whose timing cannot be read (or text without a timing)
 * is a bad cue: its words join the good cue before it (or after it, at the start), with a warning
 * at its line; with `skipBadCues` it is left out and listed. With no good cue at all, the first
 * bad one is the error.
 */
export function readFoundCues(found: readonly FoundCue[], options: CueReadOptions, timingExample: string): ImportedTranscript {
  const cues: Cue[] = [];
  const warnings: ImportWarning[] = [];
  let waiting: string[] = [];
  let firstProblem: ImportError | undefined;
  for (const cue of found) {
    const seconds = cue.timing === undefined ? undefined : cueStart(cue.timing);
    if (seconds !== undefined) {
      cues.push({ seconds, lines: [...waiting, ...cue.lines], line: cue.line });
      waiting = [];
      continue;
    }
    const problem = badCueProblem(cue, timingExample);
    firstProblem ??= new ImportError(problem, cue.line);
    if (options.skipBadCues) {
      warnings.push({ line: cue.line, message: `skipped a cue (--skip-bad-cues): ${problem}` });
      continue;
    }
    const previous = cues[cues.length - 1];
    if (previous) previous.lines.push(...cue.lines);
    else waiting.push(...cue.lines);
    const where = previous ? 'the cue before it' : 'the first good cue';
    warnings.push({ line: cue.line, message: `${problem}; its words are kept in ${where} (--skip-bad-cues leaves such cues out)` });
  }
  if (cues.length === 0) throw firstProblem ?? new ImportError('found no cues with text');
  const read = cuesToTranscript(cues, options);
  return { ...read, warnings: [...warnings, ...read.warnings] };
}

function badCueProblem(cue: FoundCue, timingExample: string): string {
  if (cue.timing !== undefined) return `malformed cue timing '${excerpt(cue.timing.trim())}'`;
  return `expected ${timingExample}, found '${excerpt((cue.expected ?? cue.lines[0] ?? '').trim())}'`;
}
