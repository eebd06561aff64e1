import type { Code } from 'micromark-util-types';

/** What a bracketed mark such as `[00:01:02]`, `[inaudible]` or `[crosstalk, 2 s]` may hold: letters, digits, spaces and `:.,'-`. */
export function isMarkCode(code: Code): boolean {
  if (code === null || code < 32) return false;
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127) return true;
  return code === 32 || code === 58 || code === 46 || code === 44 || code === 39 || code === 45;
}
