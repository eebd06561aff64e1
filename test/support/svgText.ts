import { textWidthBound } from '../../src/core/research/chartLayout';

// Where the text of the statistics page's SVG charts lands at a given chart width, from the
// markup itself: x and dx (in px or % of the chart's width), y, text-anchor, and a width that no
// usual UI font exceeds (the view's real rendering is checked by test/integration/statistics.mjs).

/** One `<text>` of a chart, as a box in px. */
export interface TextBox {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** One `<svg>` of the page: its label and how wide it is drawn in a column `columnPx` wide. */
export interface ChartBoxes {
  label: string;
  widthPx: number;
  texts: TextBox[];
}

const FONT_PX = 12;

/** The charts of a statistics page laid out in a column `columnPx` wide. */
export function chartTexts(html: string, columnPx: number): ChartBoxes[] {
  return [...html.matchAll(/<svg\b([^>]*)>([\s\S]*?)<\/svg>/g)].map(([, attributes, body]) => {
    const attrs = attributesOf(attributes!);
    const widthPx = length(attrs['width'] ?? '100%', columnPx);
    const texts = [...body!.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)].map(([, a, content]) => textBox(attributesOf(a!), unescape(content!), widthPx));
    return { label: attrs['aria-label'] ?? '', widthPx, texts };
  });
}

/** The pairs of texts in one chart whose boxes overlap. */
export function overlaps(texts: readonly TextBox[]): [string, string][] {
  const found: [string, string][] = [];
  texts.forEach((a, i) => {
    for (const b of texts.slice(i + 1)) {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) found.push([a.text, b.text]);
    }
  });
  return found;
}

function textBox(attrs: Record<string, string>, text: string, widthPx: number): TextBox {
  const width = textWidthBound(text);
  const x = length(attrs['x'] ?? '0', widthPx) + Number(attrs['dx'] ?? 0);
  const anchor = attrs['text-anchor'] ?? 'start';
  const left = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x;
  const y = Number(attrs['y'] ?? 0) + Number(attrs['dy'] ?? 0);
  // Ascent and descent of the usual UI fonts stay within 0.95 em and 0.25 em of the baseline.
  return { text, left, right: left + width, top: y - 0.95 * FONT_PX, bottom: y + 0.25 * FONT_PX };
}

function length(value: string, widthPx: number): number {
  return value.endsWith('%') ? (Number(value.slice(0, -1)) / 100) * widthPx : Number(value);
}

function attributesOf(source: string): Record<string, string> {
  return Object.fromEntries([...source.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => [name!, value!]));
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
