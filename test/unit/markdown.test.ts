import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { marked } from 'marked';
import { escapeMarkdown, joinMarkdown, markdown, markdownCode, markdownCodeBlock, noticeText } from '../../src/core/text/markdown';
import { runs } from '../support/fuzz';
import { ROOT } from '../support/paths';

// File text shown in VS Code's Markdown (hovers, tree tooltips, completion details) must stay
// text. marked is the renderer VS Code uses; what it makes of the escaped text is what users see.

const URL = 'https://127.0.0.1:9/x.png';
const HOSTILE = [
  `![x](${URL})`,
  `[link](${URL})`,
  `<${URL}>`,
  URL,
  'www.example.org',
  'jane@example.org',
  `<img src="${URL}">`,
  `[x]: ${URL}\n\n![x][x]`,
  '&lt;img src=x&gt; &amp;',
  '**bold** _em_ ~~del~~ `code`',
  '# heading\n- item\n1. one\n> quote\n---\n| a | b |\n|---|---|',
  'a\\\\b\\',
  '    indented\n\n\tcode',
  '$(alert) {{x}} %s',
];

function render(source: string): string {
  return marked.parse(source, { gfm: true, async: false });
}

/** The text a reader sees in rendered HTML, with runs of white space as one space. */
function textOf(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return html
    .replace(/<\/?(code|strong|em)>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => entities[name]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The elements in rendered HTML other than paragraphs and line breaks, and any that load or link. */
function markup(html: string, allowed: string[] = ['p', 'br']): string[] {
  return [...html.matchAll(/<([a-z0-9]+)[^>]*>/gi)].map((m) => m[0]).filter((tag) => !allowed.includes(tag.slice(1).split(/[\s>]/)[0]!.toLowerCase()));
}

const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('escapeMarkdown: file text stays text', () => {
  it('shows images, links, autolinks, HTML, entities and formatting as written', () => {
    for (const text of HOSTILE) {
      const html = render(escapeMarkdown(text).value);
      assert.deepEqual(markup(html), [], `${JSON.stringify(text)} rendered as ${html}`);
      assert.equal(textOf(html), plain(text), `${JSON.stringify(text)} is shown as typed`);
    }
  });

  it('keeps any text inert and readable (property, any code points and Markdown pieces)', () => {
    const piece = fc.constantFrom(
      '![',
      '](',
      ')',
      '[',
      ']',
      '<',
      '>',
      '&',
      '#',
      ';',
      '`',
      '*',
      '_',
      '~',
      '\\',
      '|',
      ':',
      '//',
      'https',
      'www.',
      '.',
      '@',
      '-',
      '=',
      '\n',
      '\n\n',
      '  \n',
      '    ',
      '\t',
      ' ',
      'a',
      '1.',
      'é',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const html = render(escapeMarkdown(t).value);
        assert.deepEqual(markup(html), [], html);
        // Lines lose their indentation; the words stay.
        assert.equal(textOf(html), plain(t));
      }),
      runs(400),
    );
  });

  it('interpolates file text escaped and Markdown as it is', () => {
    const md = markdown`**${'![x](u)'}** (${markdownCode('a`b')}) ${3}`;
    assert.equal(md.value, '**\\!\\[x\\]\\(u\\)** (``a`b``) 3');
    const html = render(md.value);
    assert.deepEqual(markup(html, ['p', 'strong', 'code']), []);
    assert.equal(textOf(html), '![x](u) (a`b) 3');
  });

  it('shows a code id in a code span and a snippet body in a code block that no backtick in them can close', () => {
    for (const id of ['a`b ![x](https://127.0.0.1:9/x.png) `c', '`', ' x ', '``x``']) {
      const html = render(joinMarkdown([markdown`Code ${markdownCode(id)} here`], '\n').value);
      assert.deepEqual(markup(html, ['p', 'code']), [], html);
      assert.equal(textOf(html), plain(`Code ${id} here`));
    }
    const body = 'T: One {probe}\n```\n![x](https://127.0.0.1:9/x.png)\n````';
    const html = render(markdownCodeBlock(body).value);
    assert.deepEqual(markup(html, ['pre', 'code']), [], html);
    assert.equal(textOf(html), plain(body));
  });
});

describe('Markdown in the extension', () => {
  const extension = join(ROOT, 'src', 'extension');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

  it('reaches VS Code only through toMarkdownString, which takes escaped Markdown', () => {
    for (const file of files(extension)) {
      const text = readFileSync(file, 'utf8');
      if (relative(extension, file) === 'markdown.ts') continue;
      assert.doesNotMatch(
        text,
        /(?<![A-Za-z])MarkdownString\(|appendMarkdown|\.isTrusted\s*=|supportHtml/,
        `${relative(ROOT, file)} builds Markdown itself; use toMarkdownString`,
      );
    }
  });

  it('is marked safe only inside src/core/text/markdown.ts', () => {
    for (const file of files(join(ROOT, 'src'))) {
      if (relative(ROOT, file) === join('src', 'core', 'text', 'markdown.ts')) continue;
      assert.doesNotMatch(readFileSync(file, 'utf8'), /Markdown\.trusted/, relative(ROOT, file));
    }
  });
});

describe('file text in notifications', () => {
  // VS Code's notification link pattern (src/vs/workbench/common/notifications.ts, `LINK_REGEX`):
  // the only syntax a notification message has.
  const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

  it('never forms a link or a command link, and stays on one line', () => {
    for (const text of [
      `[x](${URL})`,
      '[Run](command:workbench.action.terminal.new)',
      '[a](file:///etc/passwd "t")',
      'a]\n(command:x)',
      'plain name.session.md',
    ]) {
      const shown = noticeText(text);
      assert.doesNotMatch(shown, LINK, shown);
      assert.doesNotMatch(shown, /[\r\n]/);
    }
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '(', ')', 'a', ' ', '\n', 'command:x', 'https://h', '"') }), (text) => {
        assert.doesNotMatch(noticeText(text), LINK);
      }),
      runs(500),
    );
  });

  it('keeps ordinary names as they are', () => {
    assert.equal(noticeText('01-intake (copy).session.md'), '01-intake (copy).session.md');
    assert.equal(noticeText('CBT techniques [v2]'), 'CBT techniques [v2]');
  });
});
