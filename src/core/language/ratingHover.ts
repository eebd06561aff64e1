import type { Codebook } from '../codebook/codebook';
import { levelOf, onScale, scaleSpan, type RatingLevel, type RatingScale } from '../codebook/ratingScales';
import type { Rating, Session } from '../model';
import { closestName } from '../text/spelling';
import { joinMarkdown, markdown, markdownCode, type Markdown } from '../text/markdown';
import type { HoverInfo } from './types';

/** The rating whose key or value in the front matter's `ratings:` holds `offset`. */
export function ratingAt(session: Session, offset: number): Rating | undefined {
  return session.frontMatter?.ratings?.find((r) => r.range.start.offset <= offset && offset <= r.range.end.offset);
}

/** Hover content for the rating at `offset`: its scale, the description of its level, and who is rated. */
export function ratingHoverAt(session: Session, offset: number, codebook?: Codebook): HoverInfo | undefined {
  const rating = ratingAt(session, offset);
  return rating && { markdown: ratingHover(rating, codebook), range: rating.range };
}

function ratingHover(rating: Rating, codebook: Codebook | undefined): Markdown {
  const id = markdownCode(rating.id);
  if (!codebook) return markdown`${id}: no codebook is loaded, so this rating cannot be looked up.`;
  const scales = codebook.ratings ?? [];
  const scale = scales.find((s) => s.id === rating.id);
  if (!scale) {
    const closest = closestName(
      rating.id,
      scales.map((s) => s.id),
    );
    const hint = closest ? markdown` Did you mean ${markdownCode(closest)}?` : scales.length === 0 ? markdown` It declares no rating scales.` : markdown``;
    return markdown`${id} is not a rating scale of the codebook ${codebook.name}.${hint}`;
  }
  const value = rating.value;
  const valid = value !== undefined && onScale(scale, value) && (!scale.integer || Number.isInteger(value));
  const heading = markdown`**${scale.label}** (${id}): ${valid ? markdown`${String(value)} on a scale of ${scaleSpan(scale)}` : markdown`not a value of its scale, ${scaleSpan(scale)}`}`;
  const parts = [heading, valid ? levelText(scale, value) : levelList(scale)];
  if (scale.description) parts.push(markdown`${scale.description}`);
  parts.push(scaleFacts(scale, codebook));
  return joinMarkdown(parts, '\n\n');
}

/** What the value means: its level's description, or on a scale of any number the anchors either side. */
function levelText(scale: RatingScale, value: number): Markdown {
  const { level, below, above } = levelOf(scale, value);
  if (level) return describeLevel(level);
  return joinMarkdown(
    [below, above].filter((l): l is RatingLevel => l !== undefined).map((l) => markdown`- ${describeLevel(l)}`),
    '\n',
  );
}

/** Every level of the scale, for a value that is none of them. */
export function levelList(scale: RatingScale): Markdown {
  return joinMarkdown(
    scale.levels.map((l) => markdown`- ${describeLevel(l)}`),
    '\n',
  );
}

function describeLevel(level: RatingLevel): Markdown {
  return markdown`**${String(level.value)}**: ${level.description}`;
}

/** Who the scale rates, whether it is required and where a coder starts, and the codebook. */
export function scaleFacts(scale: RatingScale, codebook: Pick<Codebook, 'name'>): Markdown {
  const facts = [
    `Rates the ${scale.role}`,
    ...(scale.required ? ['required'] : []),
    ...(scale.default !== undefined ? [`coders start at ${scale.default}`] : []),
  ];
  return markdown`${facts.join(' · ')} · Codebook: ${codebook.name}`;
}
