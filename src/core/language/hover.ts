import { closestCode, lookupCode, type Codebook } from '../codebook/codebook';
import type { CodeAnnotation, Range, Session, Turn } from '../model';
import { annotationAt, sectionName } from './locate';
import type { HoverInfo } from './types';

/** How many places a goal hover lists before it says "and N more". */
const HOVER_MAX_PLACES = 10;

/** Hover content for the code, goal reference or front-matter goal id at `offset`. */
export function hoverAt(session: Session, offset: number, codebook?: Codebook): HoverInfo | undefined {
  const found = annotationAt(session, offset, false);
  if (!found) return undefined;
  if (found.kind === 'code') return { markdown: codeHover(found.code, codebook), range: found.code.range };
  const id = found.kind === 'goal' ? found.ref.id : found.goal.id;
  const range = found.kind === 'goal' ? found.ref.range : found.goal.idRange;
  const markdown = id === '' ? 'Empty goal reference `{#}`: write the id of a goal from the front matter after `#`.' : goalHover(session, id);
  return { markdown, range };
}

function codeHover(annotation: CodeAnnotation, codebook: Codebook | undefined): string {
  const id = annotation.id;
  const note = annotation.note ? [`Note: ${escape(annotation.note)}`] : [];
  if (id === '') return ['Empty code `{}`: write a code id between the braces.', ...note].join('\n\n');
  if (!codebook) return [`\`${id}\`: no codebook is loaded, so this code cannot be looked up.`, ...note].join('\n\n');
  const code = lookupCode(codebook, id);
  if (!code) {
    const closest = closestCode(codebook, id);
    const hint = closest ? ` Did you mean \`${closest}\`?` : '';
    return [`\`${id}\` is not in the codebook ${escape(codebook.name)}.${hint}`, ...note].join('\n\n');
  }
  const parts = [`**${escape(code.label)}** (\`${code.id}\`)`];
  if (code.description) parts.push(escape(code.description));
  parts.push(`Role: ${code.role}`, `Codebook: ${escape(codebook.name)}`, ...note);
  return parts.join('\n\n');
}

/** The Markdown for a goal: its text and status (or that it is undeclared), then where turns use it. */
function goalHover(session: Session, id: string): string {
  const goal = session.frontMatter?.goals.find((g) => g.id === id);
  const parts = goal
    ? [`**Goal \`${id}\`**: ${escape(goal.text)}`, `Status: ${goal.status}`]
    : [`**Goal \`${id}\`** is not declared under \`goals:\` in the front matter.`];
  const uses = goalUses(session, id);
  if (uses.length === 0) {
    parts.push('Not referenced by any turn yet.');
    return parts.join('\n\n');
  }
  const lines = uses.slice(0, HOVER_MAX_PLACES).map((u) => `- ${describeUse(session, u.turn, u.range)}`);
  if (uses.length > HOVER_MAX_PLACES) lines.push(`- and ${uses.length - HOVER_MAX_PLACES} more`);
  parts.push(`Used in ${uses.length} ${uses.length === 1 ? 'turn' : 'turns'}:\n${lines.join('\n')}`);
  return parts.join('\n\n');
}

/** Each turn that references the goal once, with its first reference. */
function goalUses(session: Session, id: string): { turn: Turn; range: Range }[] {
  const uses: { turn: Turn; range: Range }[] = [];
  for (const turn of session.turns) {
    const ref = turn.goals.find((g) => g.id === id);
    if (ref) uses.push({ turn, range: ref.range });
  }
  return uses;
}

function describeUse(session: Session, turn: Turn, range: Range): string {
  const section = sectionName(session, turn);
  return `turn ${turn.index} (line ${range.start.line}${section ? `, ${escape(section)}` : ''})`;
}

/** Escapes the characters that would turn free text into Markdown formatting. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<|]/g, (c) => `\\${c}`);
}
