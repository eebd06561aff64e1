import type { Session, Turn } from '../model';

// How the Sessions sidebar and the statistics report group sessions and write their figures. The
// figures themselves are the session's counts (research/stats.ts).

/** Where a session belongs in the All Sessions tree: its client (or course) and its number. */
export interface CourseKey {
  group: string;
  number?: number;
}

/** The group used for sessions whose front matter names neither a client nor a course. */
export const NO_CLIENT = '(no client)';

/** The All Sessions grouping key: front matter `client`, else `course`, else "(no client)", and the session number. */
export function courseKey(session: Session): CourseKey {
  const fm = session.frontMatter;
  const key: CourseKey = { group: fm?.client ?? fm?.course ?? NO_CLIENT };
  if (fm?.session !== undefined) key.number = fm.session;
  return key;
}

/** Groups items by course key: groups by name ("(no client)" last), items by session number then name. */
export function groupByCourse<T>(items: T[], keyOf: (item: T) => CourseKey & { name: string }): { group: string; items: T[] }[] {
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => (a.key.number ?? Infinity) - (b.key.number ?? Infinity) || a.key.name.localeCompare(b.key.name));
  const groups = new Map<string, T[]>();
  for (const { item, key } of keyed) {
    const list = groups.get(key.group);
    if (list) list.push(item);
    else groups.set(key.group, [item]);
  }
  const rank = (g: string) => (g === NO_CLIENT ? 1 : 0);
  return [...groups].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([group, list]) => ({ group, items: list }));
}

/** A share as a whole percentage, e.g. `23%`. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Seconds as `m:ss` or `h:mm:ss`. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(Math.floor(seconds % 60)).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A one-line preview of a turn, e.g. `12 · C: I keep lying awake…`. */
export function turnPreview(turn: Turn, maxLength = 40): string {
  const text = turn.text.replace(/\s+/g, ' ').trim();
  const short = text.length > maxLength ? text.slice(0, maxLength).trimEnd() + '…' : text;
  return `${turn.index} · ${turn.label}: ${short}`;
}
