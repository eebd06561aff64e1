// Writes go to a temporary file that then takes the original's name. Temporary files are named
// `<name>.sessionmd-tmp-<writer>-<n>`, plus `.session.md` after a transcript's name, so that a copy
// left by a killed run is found among the transcripts (and by a pre-commit hook that checks staged
// `*.session.md` files), and reported instead of linted.

const MARKER = '.sessionmd-tmp-';
const TEMPORARY_NAME = /^(.+)\.sessionmd-tmp-\d+-\d+(?:\.session\.md)?$/;

/** The name of the `n`-th temporary file of the process `writer` (its id) for the file named `name`. */
export function temporaryCopyName(name: string, writer: number, n: number): string {
  return `${name}${MARKER}${writer}-${n}${name.endsWith('.session.md') ? '.session.md' : ''}`;
}

/** The file a temporary file was meant to replace (its name), or undefined when `name` is no temporary file of session-md. */
export function leftoverOf(name: string): string | undefined {
  return TEMPORARY_NAME.exec(name)?.[1];
}

/** What to do about a temporary copy of `original` left behind. */
export function leftoverMessage(original: string): string {
  return `Temporary copy left by an interrupted write of ${original} (session-md lint --fix or import was stopped): compare it with ${original}, keep what you need, and delete it`;
}
