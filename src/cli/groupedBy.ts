import { NO_VALUE } from '../core';
import type { RunOptions } from './io';

/** Warns, as `stats --by` does, when no session has the `--by` field: it is likely misspelt, and every session fell into one group. */
export function warnFieldNoSessionHas(field: string | undefined, groups: readonly { group: string }[], sessions: number, options: RunOptions): void {
  if (field === undefined || sessions === 0 || groups.some((g) => g.group !== NO_VALUE)) return;
  options.stderr.write(`session-md: warning: no session has the front-matter field '${field}'; all are in the group ${NO_VALUE}\n`);
}
