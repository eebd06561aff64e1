import type { Range, Session, Turn } from '../model';
import { escapeControls } from '../text/controls';
import { joinMarkdown, markdown, markdownCode, type Markdown } from '../text/markdown';

// How the Coded Segments and Memos views show a turn of some session of the workspace: which
// session, phase, speaker and turn, and a bounded excerpt of its words. Labels are plain text with
// controls made visible; tooltips are Markdown in which every file text is escaped.

/** A turn of a workspace session, as the query core returns it (`SegmentMatch`, `MemoEntry`). */
export interface TurnInSession {
  /** Where the session is (a path or uri); its last part names the session when the front matter does not. */
  file: string;
  session: Session;
  turn: Turn;
  /** As the export's `phase` column gives it; null before the first heading. */
  phase: string | null;
}

/** What a row of the Coded Segments or Memos view shows; `reveal` is the turn or memo a click opens, in `file`. */
export interface RowView {
  label: string;
  description?: string;
  tooltip?: Markdown;
  fold: 'none' | 'expanded' | 'collapsed';
  reveal?: { file: string; range: Range };
}

/** The longest excerpt of a turn or memo in a label: a tree row shows about this much. */
export const LABEL_EXCERPT = 80;
/** The longest excerpt of a turn or memo in a tooltip: enough to read the turn, never a whole transcript. */
export const TOOLTIP_EXCERPT = 600;

/** Text on one line, cut to `max` characters with `…`, with controls and bidi characters shown as escapes. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const short = flat.length > max ? flat.slice(0, max).trimEnd() + '…' : flat;
  return escapeControls(short);
}

/** The name of a session in a list of the workspace's: `C-017 · Session 4`, `Session 4`, or its file name without `.session.md`. */
export function sessionName(session: Session, file: string): string {
  const fm = session.frontMatter;
  const who = fm?.client ?? fm?.course;
  const number = fm?.session === undefined ? undefined : `Session ${fm.session}`;
  const name = [who, number].filter((part) => part !== undefined).join(' · ');
  return escapeControls(name || fileBase(file));
}

/** The file name of a path or uri, without `.session.md`. */
export function fileBase(file: string): string {
  return decodeURIComponentSafe(file.slice(file.lastIndexOf('/') + 1)).replace(/\.session\.md$/, '');
}

/** Where a turn is, for a row's description: `C-017 · Session 4 · Middle · turn 12`. */
export function turnPlace(entry: TurnInSession, withSession = true): string {
  const parts = [
    ...(withSession ? [sessionName(entry.session, entry.file)] : []),
    escapeControls(entry.phase ?? 'before the first phase'),
    `turn ${entry.turn.index}`,
  ];
  return parts.join(' · ');
}

/** The label of a turn's row: its speaker and the start of its words, e.g. `C: I keep lying awake…`. */
export function turnLabel(turn: Turn): string {
  return `${escapeControls(turn.label)}: ${excerpt(turn.text, LABEL_EXCERPT)}`;
}

/** The tooltip of a turn's row: session, phase, speaker, codes and a bounded excerpt of its words, all escaped. */
export function turnTooltip(entry: TurnInSession, extra: readonly Markdown[] = []): Markdown {
  const { turn } = entry;
  const speaker = turn.role ? `${turn.label} (${turn.role})` : turn.label;
  const lines: Markdown[] = [
    markdown`**${sessionName(entry.session, entry.file)}** · ${entry.phase ?? 'before the first phase'} · turn ${turn.index} · ${speaker}`,
  ];
  if (turn.codes.length > 0) lines.push(codesLine(turn));
  lines.push(markdown`${excerpt(turn.text, TOOLTIP_EXCERPT)}`, ...extra);
  return joinMarkdown(lines, '\n\n');
}

function codesLine(turn: Turn): Markdown {
  return [...new Set(turn.codes.map((c) => c.id))].reduce((line, id) => markdown`${line} ${markdownCode(id)}`, markdown`Codes:`);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
