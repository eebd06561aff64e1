import { closestCode, lookupCode, type Codebook } from '../codebook/codebook';
import type { CodeAnnotation, Range, Session, Turn } from '../model';
import { joinMarkdown, markdown, markdownCode, type Markdown } from '../text/markdown';
import { annotationAt, sectionName } from './locate';
import { ratingHoverAt } from './ratingHover';
import { stageHoverAt } from './stageHelp';
import type { HoverInfo } from './types';

/** How many places a goal hover lists before it says "and N more". */
const HOVER_MAX_PLACES = 10;

/** Hover content for the code, goal reference, front-matter goal id, rating or stage (among `stages`, the built-in ones by default) at `offset`. */
export function hoverAt(session: Session, offset: number, codebook?: Codebook, stages?: readonly string[]): HoverInfo | undefined {
  const found = annotationAt(session, offset, false);
  if (!found) return ratingHoverAt(session, offset, codebook) ?? stageHoverAt(session, offset, stages);
  if (found.kind === 'code') return { markdown: codeHover(found.code, codebook), range: found.code.range };
  const id = found.kind === 'goal' ? found.ref.id : found.goal.id;
  const range = found.kind === 'goal' ? found.ref.range : found.goal.idRange;
  const text = id === '' ? markdown`Empty goal reference \`{#}\`: write the id of a goal from the front matter after \`#\`.` : goalHover(session, id);
  return { markdown: text, range };
}

function codeHover(annotation: CodeAnnotation, codebook: Codebook | undefined): Markdown {
  const id = markdownCode(annotation.id);
  const note = annotation.note ? [markdown`Note: ${annotation.note}`] : [];
  const paragraphs = (...parts: Markdown[]): Markdown => joinMarkdown([...parts, ...note], '\n\n');
  if (annotation.id === '') return paragraphs(markdown`Empty code \`{}\`: write a code id between the braces.`);
  if (!codebook) return paragraphs(markdown`${id}: no codebook is loaded, so this code cannot be looked up.`);
  const code = lookupCode(codebook, annotation.id);
  if (!code) {
    const closest = closestCode(codebook, annotation.id);
    const hint = closest ? markdown` Did you mean ${markdownCode(closest)}?` : markdown``;
    return paragraphs(markdown`${id} is not in the codebook ${codebook.name}.${hint}`);
  }
  const parts = [markdown`**${code.label}** (${markdownCode(code.id)})`];
  if (code.description) parts.push(markdown`${code.description}`);
  parts.push(markdown`Role: ${code.role}`, markdown`Codebook: ${codebook.name}`);
  return paragraphs(...parts);
}

/** The Markdown for a goal: its text and status (or that it is undeclared), then where turns use it. */
function goalHover(session: Session, id: string): Markdown {
  const goal = session.frontMatter?.goals.find((g) => g.id === id);
  const name = markdownCode(id);
  const parts = goal
    ? [markdown`**Goal ${name}**: ${goal.text}`, markdown`Status: ${goal.status}`]
    : [markdown`**Goal ${name}** is not declared under \`goals:\` in the front matter.`];
  const uses = goalUses(session, id);
  if (uses.length === 0) return joinMarkdown([...parts, markdown`Not referenced by any turn yet.`], '\n\n');
  const lines = uses.slice(0, HOVER_MAX_PLACES).map((u) => markdown`- ${describeUse(session, u.turn, u.range)}`);
  if (uses.length > HOVER_MAX_PLACES) lines.push(markdown`- and ${uses.length - HOVER_MAX_PLACES} more`);
  const places = markdown`Used in ${uses.length} ${uses.length === 1 ? 'turn' : 'turns'}:`;
  return joinMarkdown([...parts, joinMarkdown([places, ...lines], '\n')], '\n\n');
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
  return `turn ${turn.index} (line ${range.start.line}${section ? `, ${section}` : ''})`;
}
