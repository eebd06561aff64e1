// How the statistics charts place their text so that nothing overflows or overlaps down to a
// 300 px wide view. A chart is as wide as its column (`width="100%"`); each row puts its label at
// the left edge and its figure at the right edge of one line, with the bar on a line of its own
// below, so the gap between them only grows with the width. Labels are shortened to fit beside
// their figure in the narrowest chart, measured with an upper bound of the text's width.

/** How wide a chart is in a 300 px view: 2 × 16 px of padding and a 10 px scroll bar leave 258 px. */
export const NARROWEST_CHART_PX = 256;

/** The font size of chart text, in px (the page's style sets it). */
export const CHART_FONT_PX = 12;

/** The smallest gap between a label and the figure on its line. */
const GAP_PX = 8;

// Advance widths in em that no usual UI font exceeds (DejaVu Sans, the widest of them, has m at
// 0.97, W at 1.0, capitals up to 0.79 and every other ASCII letter, digit and sign up to 0.64).
const FULL_EM = new Set([...'mwMW%@…—']);
const CAPITAL_EM = 0.8;
const OTHER_EM = 0.65;
const WIDER_THAN_EM = 1.3;

/** An upper bound of the width in px of `text` in the view's font: never less than the browser draws. */
export function textWidthBound(text: string, fontPx = CHART_FONT_PX): number {
  let em = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code > 0xffff)
      em += WIDER_THAN_EM; // emoji and other astral characters
    else if (code > 0x7f || FULL_EM.has(char)) em += 1;
    else if (char >= 'A' && char <= 'Z') em += CAPITAL_EM;
    else em += OTHER_EM;
  }
  return em * fontPx;
}

/** `text`, shortened with an ellipsis until it is at most `maxPx` wide. */
export function fitText(text: string, maxPx: number): string {
  if (textWidthBound(text) <= maxPx) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidthBound(`${chars.join('')}…`) > maxPx) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/**
 * One line of a chart with its baseline at `y`: `label` at the left edge (shortened, but never its
 * `suffix`) and `figure` at the right edge. A shortened label keeps its whole text as a tooltip.
 */
export function labelLine(y: number, label: string, figure: string, suffix = ''): string {
  const room = NARROWEST_CHART_PX - textWidthBound(figure) - GAP_PX - textWidthBound(suffix);
  const shown = fitText(label, Math.max(0, room)) + suffix;
  const labelText = `<text x="0" y="${y}">${escapeXml(shown)}</text>`;
  const tooltip = shown === label + suffix ? labelText : `<g><title>${escapeXml(label + suffix)}</title>${labelText}</g>`;
  return `${tooltip}<text x="100%" y="${y}" text-anchor="end">${escapeXml(figure)}</text>`;
}

/** A share of the chart's width as an SVG length. */
export function percentOfWidth(fraction: number): string {
  return `${(100 * Math.min(1, Math.max(0, fraction))).toFixed(2)}%`;
}

/** Text made safe for HTML and SVG markup and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
