// Writes syntaxes/session-markdown.tmLanguage.json from the regex pieces below.
// `node syntaxes/build-grammar.mjs` rewrites the file; `--check` only fails when it is out of date
// (npm run test:grammar runs the check, so edit this file, not the JSON).
//
// The pieces mirror src/core/parse/turns.ts (turn start, timestamp, annotation) and
// src/core/parse/phaseModels.ts (phase names, filler words, subtitle separators).
// Every quantifier is bounded, possessive, or over a class that cannot overlap what follows it,
// so no line can make the regexes backtrack catastrophically (bench/grammar.ts measures this).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// The tag names by which the parser's micromark starts an HTML block.
import { htmlBlockNames, htmlRawNames } from 'micromark-util-html-tag-name';

const OUT = fileURLToPath(new URL('./session-markdown.tmLanguage.json', import.meta.url));

/**
 * Turns a regex written with named groups `(?<key>…)` into a plain-group regex plus a TextMate
 * `captures` object, numbering the groups in the order Oniguruma does (by opening parenthesis).
 * Lookbehinds `(?<=`/`(?<!` and `(?:` are left alone; `]` inside a class must be escaped.
 */
function compile(source, scopes) {
  let out = '';
  let group = 0;
  let inClass = 0;
  const captures = {};
  const numbers = {};
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const ref = /^\\k<([A-Za-z][A-Za-z0-9]*)>/.exec(source.slice(i));
      if (ref && !inClass) {
        if (!(ref[1] in numbers)) throw new Error(`back-reference to unknown group <${ref[1]}> in ${source}`);
        out += `\\${numbers[ref[1]]}`;
        i += ref[0].length - 1;
        continue;
      }
      out += ch + source[i + 1];
      i++;
      continue;
    }
    if (inClass) {
      if (ch === '[') inClass++;
      else if (ch === ']') inClass--;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = 1;
      out += ch;
      continue;
    }
    if (ch === '(') {
      const named = /^\(\?<([A-Za-z][A-Za-z0-9]*)>/.exec(source.slice(i));
      if (named) {
        group++;
        const key = named[1];
        numbers[key] ??= group;
        if (!(key in scopes)) throw new Error(`no scope for group <${key}> in ${source}`);
        if (scopes[key]) captures[group] = typeof scopes[key] === 'string' ? { name: scopes[key] } : scopes[key];
        out += '(';
        i += named[0].length - 1;
        continue;
      }
      if (source[i + 1] !== '?') throw new Error(`unnamed capture group in ${source}`);
    }
    out += ch;
  }
  if (inClass) throw new Error(`unclosed character class in ${source}`);
  return { regex: out, captures };
}

// ---------------------------------------------------------------- turns (src/core/parse/turns.ts)

const TS_VALID = String.raw`(?:\d{1,2}:)?[0-5]?\d:[0-5]\d(?:[.,]\d{1,3})?`;
// What turns.ts accepts between the brackets; anything that is not TS_VALID is reported by timestamp-invalid.
const TS_ANY = String.raw`[^\]\s:]{1,4}(?::[^\]\s:]{1,7}){1,3}`;
const TIMESTAMP =
  String.raw`(?:(?<ts>(?<tsOpen>\[)(?<tsText>${TS_VALID})(?<tsClose>\]))` +
  String.raw`|(?<tsBad>(?<tsOpen>\[)(?<tsText>${TS_ANY})(?<tsClose>\])))[ \t]*`;
const TIMESTAMP_PLAIN = String.raw`\[${TS_ANY}\][ \t]*`;

// A label is what turns.ts's LABEL accepts: it cannot contain ':' or '*', so it ends at the colon.
const LABEL_ANY = String.raw`[\p{L}\p{N}][\p{L}\p{N} ._'’-]{0,39}`;
// An undeclared label without timestamp or bold is a turn only when it is one or two capitalised words (looksLikeTurn).
const WORD = String.raw`[\p{Lu}\p{N}][\p{L}\p{N}._'’-]*+`;
// A line that starts with a list number (`2. C:`) starts no turn (LIST_NUMBER in turns.ts).
const LABEL_CAPS = String.raw`(?!\d{1,9}[.)][ \t])(?=${LABEL_ANY}:)${WORD}(?:[ ]++${WORD})?`;
const THERAPIST = 'T|Therapist';
const CLIENT = 'C|Client';

/** The three ways of writing a label: `**L:**`, `**L**:` and `L:`. `label` is a regex without groups. */
function labelForms(label, { bold = true, plain = label } = {}) {
  const forms = [];
  if (bold) {
    forms.push(String.raw`(?<bold>(?<boldOpen>\*\*)(?<label>${label})[ ]*(?<colon>:)(?<boldClose>\*\*))`);
    forms.push(String.raw`(?<bold>(?<boldOpen>\*\*)(?<label>${label})[ ]*(?<boldClose>\*\*))(?<colon>:)`);
  }
  if (plain) forms.push(String.raw`(?<label>${plain})[ ]*(?<colon>:)`);
  return forms.join('|');
}

const AFTER_COLON = String.raw`(?=\s|$)`;

/** The begin regex of a turn by a default therapist or client label. */
function roleTurnBegin(label) {
  return String.raw`^[ ]{0,3}(?:${TIMESTAMP})?(?:${labelForms(label)})${AFTER_COLON}`;
}

// Any other label: with a timestamp or in bold any label counts, in plain form only capitalised words.
const OTHER_TURN_BEGIN =
  String.raw`^[ ]{0,3}(?:(?:${TIMESTAMP})(?:${labelForms(LABEL_ANY)})` +
  String.raw`|(?:${labelForms(LABEL_ANY, { plain: false })})` +
  String.raw`|(?:${labelForms(LABEL_CAPS, { bold: false })}))${AFTER_COLON}`;

// The same set of lines, without groups, for the lookahead that ends a turn at the next one.
const ANY_TURN_START =
  String.raw`[ ]{0,3}(?:${TIMESTAMP_PLAIN}(?:\*\*${LABEL_ANY}:\*\*|\*\*${LABEL_ANY}\*\*:|${LABEL_ANY}:)` +
  String.raw`|\*\*${LABEL_ANY}:\*\*|\*\*${LABEL_ANY}\*\*:|${LABEL_CAPS}[ ]*:)${AFTER_COLON}`;

// ---------------------------------------------------------------- HTML blocks (CommonMark kinds 1, 6 and 7)

const TAG_END = String.raw`(?=[ \t>]|/>|$)`;
const HTML_RAW_START = String.raw`<(?i:${htmlRawNames.join('|')})(?=[ \t>]|$)`;
const HTML_BLOCK_START = String.raw`</?(?i:${[...htmlBlockNames].sort((a, b) => b.length - a.length).join('|')})${TAG_END}`;
// A whole open or closing tag alone on its line (kind 7: it cannot interrupt a paragraph).
const ATTRIBUTE = String.raw`[ \t]++[A-Za-z_:][\w.:-]*+(?:[ \t]*+=[ \t]*+(?:[^\s"'=<>\x60]++|'[^']*+'|"[^"]*+"))?+`;
const HTML_TAG_LINE = String.raw`(?:<(?!(?i:${htmlRawNames.join('|')})(?![\w-]))[A-Za-z][A-Za-z0-9-]*+(?:${ATTRIBUTE})*+[ \t]*+/?>|</[A-Za-z][A-Za-z0-9-]*+[ \t]*+>)[ \t]*+$`;

// A turn goes on over the following lines of its Markdown paragraph: not blank, not a new block, not a new turn.
// A list right after a turn is part of it (session.ts), so list items do not end it; a rule such as `- - -` does.
// HTML blocks of kinds 1 to 6 interrupt a paragraph: a raw tag, a comment, `<?`, `<!X`, CDATA or a block tag.
const BLOCK_START =
  String.raw`[ ]{0,3}(?:#{1,6}(?:[ \t]|$)|>|\x60{3}|~{3}|<(?:!--|\?|![A-Za-z]|!\[CDATA\[)|${HTML_RAW_START}|${HTML_BLOCK_START}` +
  String.raw`|-++[ \t]*+$|=++[ \t]*+$|(?:-[ \t]*+){3,}$|(?:\*[ \t]*+){3,}$|(?:_[ \t]*+){3,}$)`;
const TURN_WHILE = String.raw`^(?=[ \t]*+\S)(?!${BLOCK_START})(?!${ANY_TURN_START})`;

function turnRule(role, begin, labelScope) {
  const { regex, captures } = compile(begin, {
    ts: 'constant.numeric.timestamp.session',
    tsBad: 'invalid.illegal.timestamp.session',
    tsOpen: 'punctuation.definition.timestamp.begin.session',
    tsText: null,
    tsClose: 'punctuation.definition.timestamp.end.session',
    bold: 'markup.bold.speaker.session',
    boldOpen: 'punctuation.definition.bold.session',
    boldClose: 'punctuation.definition.bold.session',
    label: labelScope,
    colon: 'punctuation.separator.speaker.session',
  });
  return {
    name: `meta.turn.${role}.session`,
    begin: regex,
    beginCaptures: captures,
    while: TURN_WHILE,
    patterns: [{ include: '#turn-content' }],
  };
}

// ------------------------------------------------------------ unread turns (src/core/parse/unreadTurns.ts)

// A line written as a turn where Markdown reads none (in a list item, a block quote or an HTML block):
// a default label, or any label after a timestamp, as rule turn-unread reports with the default speakers.
const DEFAULT_LABEL = `${THERAPIST}|${CLIENT}`;
const UNREAD_SHAPE =
  String.raw`(?:${TIMESTAMP_PLAIN}(?:\*\*${LABEL_ANY}:\*\*|\*\*${LABEL_ANY}\*\*:|${LABEL_ANY}:)` +
  String.raw`|\*\*(?:${DEFAULT_LABEL})[ ]*+:\*\*|\*\*(?:${DEFAULT_LABEL})[ ]*+\*\*:|(?:${DEFAULT_LABEL})[ ]*+:)${AFTER_COLON}`;
const UNREAD = 'invalid.illegal.turn-unread.session';
const LIST_TURN_SCOPES = { marker: 'punctuation.definition.list.begin.markdown', shape: UNREAD };
/**
 * A list item whose text starts as a turn, with the lines of the item (as Markdown's list rule continues
 * them). Its text gets the linear inline rules of turns, not Markdown's, which are quadratic on some lines.
 */
function listTurn(marker, kind) {
  const { regex, captures } = compile(String.raw`^[ ]{0,3}(?<marker>${marker})[ \t]++(?<shape>${UNREAD_SHAPE})`, LIST_TURN_SCOPES);
  return {
    name: `markup.list.${kind}.markdown`,
    begin: regex,
    beginCaptures: captures,
    while: String.raw`((^|\G)([ ]{2,4}|\t))|^([\t ]*)$`,
    patterns: [{ include: '#inline' }],
  };
}
// Right after the `>` of a quote line (not after `> Memo:`), where the rule reads the line's turn.
const QUOTE_TURN = compile(String.raw`\G(?<=>|> )[ ]{0,3}(?<shape>${UNREAD_SHAPE})`, { shape: UNREAD });
// In a turn's lines: a list item or a list number before a label (the line is text of the turn).
const TURN_LIST_TURN = compile(String.raw`^[ ]{0,3}(?<marker>[-+*]|\d{1,9}[.)])[ \t]++(?<shape>${UNREAD_SHAPE})`, LIST_TURN_SCOPES);
// In an HTML block, after any quote marks and list markers (CONTAINER_PREFIX in unreadTurns.ts).
const HTML_TURN = compile(
  String.raw`^(?:[ \t]*+(?<marker>>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)))*+[ \t]*+(?<shape>${UNREAD_SHAPE})`,
  { marker: null, shape: UNREAD },
);

// ------------------------------------------------------------ annotations (ANNOTATION in turns.ts)

// `{#id}`: a goal reference. Words separated by spaces, each possessive, so nothing can backtrack.
const GOAL = compile(
  String.raw`(?<open>\{)\s*+(?<hash>#)\s*+(?<id>[^{}\s]++(?:\s++[^{}\s]++)*+)?\s*+(?<close>\})`,
  {
    open: 'punctuation.definition.goal.begin.session',
    hash: 'punctuation.definition.goal.hash.session',
    id: 'entity.name.type.goal.session',
    close: 'punctuation.definition.goal.end.session',
  },
);

const CODE_EMPTY = compile(String.raw`(?<open>\{)\s*+(?<close>\})`, {
  open: 'punctuation.definition.code.begin.session',
  close: 'punctuation.definition.code.end.session',
});

// `{code}` or `{code | note}`: the id runs to the first `|`, the note to the closing brace.
const CODE = compile(
  String.raw`(?<open>\{)\s*+(?!#)(?<id>[^{}|\s]++(?:\s++[^{}|\s]++)*+)?\s*+` +
    String.raw`(?:(?<pipe>\|)\s*+(?<note>[^{}\s]++(?:\s++[^{}\s]++)*+)?\s*+)?(?<close>\})`,
  {
    open: 'punctuation.definition.code.begin.session',
    id: 'entity.name.function.code.session',
    pipe: 'punctuation.separator.note.session',
    note: 'string.unquoted.note.session',
    close: 'punctuation.definition.code.end.session',
  },
);

// ------------------------------------------------------------------------------ inline Markdown

// Markdown's own code span, bold and italic rules backtrack badly on long runs of backticks or
// asterisks (300 backticks take a third of a second), so turns and memos use these linear ones.
// A code span starts at a whole run of backticks and ends at the next run of the same length.
const RAW = compile(String.raw`(?<!\x60)(?<open>\x60++)(?:[^\x60]++|(?!\k<open>(?!\x60))\x60++)*+(?<close>\k<open>)(?!\x60)`, {
  open: 'punctuation.definition.raw.markdown',
  close: 'punctuation.definition.raw.markdown',
});
/**
 * One emphasis rule: `open` and `close` delimiters around `content`, which must start and end with a
 * non-space. The begin regex looks ahead for the closer (`content` alternates possessive runs, so a
 * delimiter without its closer fails in one pass); the text in between is tokenized as usual, so codes
 * in bold text still count. Begin/end rather than one match with capture patterns: vscode-textmate
 * copies the line up to each capture that has patterns, which made a line of many `**x**` quadratic.
 */
function emphasis(kind, open, content, close) {
  const delimiter = { name: `punctuation.definition.${kind}.markdown` };
  return {
    name: `markup.${kind}.markdown`,
    begin: `${open}(?=\\S)(?=${content}(?<=\\S)${close})`,
    beginCaptures: { 1: delimiter },
    end: `(?<=\\S)${close}|$`,
    endCaptures: { 1: delimiter },
    patterns: [{ include: '#raw' }, { include: '#emphasis' }, { include: '#escape' }],
  };
}
const EMPHASIS = [
  emphasis('bold', String.raw`(?<![\\*])(\*\*)(?!\*)`, String.raw`(?:[^*\\]++|\\.|\*(?!\*))++`, String.raw`(\*\*)`),
  emphasis('bold', String.raw`(?<![\\\w])(__)(?!_)`, String.raw`(?:[^_\\]++|\\.|_(?!_))++`, String.raw`(__)(?!\w)`),
  emphasis('italic', String.raw`(?<![\\*])(\*)(?!\*)`, String.raw`(?:[^*\\]++|\\.)++`, String.raw`(\*)(?!\*)`),
  emphasis('italic', String.raw`(?<![\\\w])(_)(?!_)`, String.raw`(?:[^_\\]++|\\.)++`, String.raw`(_)(?!\w)`),
];

// ------------------------------------------------------------------------------ transcription marks

const PAREN_MARKS = [
  'pause', 'pauses', 'silence', 'laughs', 'laughing', 'laughter', 'laugh', 'chuckles', 'giggles',
  'sighs', 'sigh', 'sighing', 'crying', 'cries', 'sobs', 'sobbing', 'tearful', 'in tears', 'coughs',
  'clears throat', 'inaudible', 'unintelligible', 'unclear', 'indistinct', 'crosstalk', 'cross-talk',
  'overlapping', 'overlapping speech', 'interrupts', 'interruption', 'whispers', 'whispering',
  'mumbles', 'yawns', 'groans', 'sniffs', 'sniffles', 'gasps', 'nods', 'shrugs', 'smiles', 'phone rings',
  'knock at the door', 'background noise', 'redacted',
];
const BRACKET_MARKS = [
  'inaudible', 'unintelligible', 'unclear', 'indistinct', 'crosstalk', 'cross-talk', 'overlapping',
  'silence', 'pause', 'laughs', 'laughter', 'sighs', 'crying', 'noise',
];
const REDACTIONS = ['redacted', 'removed', 'anonymi[sz]ed', 'name', 'place'];
const alternatives = (words) =>
  [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/ /g, '[ ]')).join('|');
// A mark may carry a short detail: `(pause, 5 s)`, `(laughs nervously)`, `[inaudible 00:12]`.
const PAREN_MARK = compile(
  String.raw`(?<open>\()(?i:(?:long|short|brief|slight|extended)[ ])?(?i:${alternatives(PAREN_MARKS)})(?:[ ,;:][^()\n]{0,40})?(?<close>\))`,
  { open: 'punctuation.definition.transcription-mark.begin.session', close: 'punctuation.definition.transcription-mark.end.session' },
);
const BRACKET_MARK = compile(
  String.raw`(?<open>\[)(?i:${alternatives(BRACKET_MARKS)})(?:[ ,;:][^\[\]\n]{0,40})?(?<close>\])`,
  { open: 'punctuation.definition.transcription-mark.begin.session', close: 'punctuation.definition.transcription-mark.end.session' },
);
const REDACTION_MARK = compile(
  String.raw`(?<open>\[)(?i:${alternatives(REDACTIONS)})(?:[ ,;:][^\[\]\n]{0,40})?(?<close>\])`,
  { open: 'punctuation.definition.transcription-mark.begin.session', close: 'punctuation.definition.transcription-mark.end.session' },
);

// ---------------------------------------------------------------- phases (src/core/parse/phaseModels.ts)

// The built-in models' names and aliases, `default` and `mi`. The grammar cannot read `phases:`.
const PHASE_NAMES = [
  'Beginning', 'Opening', 'Initial', 'Start',
  'Middle', 'Working', 'Work',
  'Termination', 'Ending', 'Closing', 'Final', 'End',
  'Engaging', 'Engage', 'Engagement',
  'Focusing', 'Focus',
  'Evoking', 'Evoke', 'Evocation',
  'Planning', 'Plan',
];
const FILLERS = ['phase', 'stage', 'process'];
const EMPH = '[*_]{0,2}';
// SUBTITLE_SEPARATOR: a dash with spaces round it, or a colon, em dash or en dash with or without.
const SEPARATOR = String.raw`\s++[—–-]\s++|\s*+[:—–]\s*+`;
const CLOSING = String.raw`(?:[ \t]++(?<closing>#++))?[ \t]*+$`;

const PHASE_KNOWN = compile(
  String.raw`^[ ]{0,3}(?<hashes>##)[ \t]++(?<phase>${EMPH}(?i:${alternatives(PHASE_NAMES)})${EMPH}` +
    String.raw`(?:[ \t]++${EMPH}(?<filler>(?i:${FILLERS.join('|')}))${EMPH})?)` +
    String.raw`(?:(?<sep>${SEPARATOR})(?<subtitle>.*+)|${CLOSING})`,
  {
    hashes: 'punctuation.definition.heading.session',
    phase: 'entity.name.section.phase.known.session',
    filler: 'keyword.other.phase-filler.session',
    sep: 'punctuation.separator.subtitle.session',
    subtitle: 'entity.name.section.subtitle.session',
    closing: 'punctuation.definition.heading.session',
  },
);

// Any other level-2 heading is a phase heading that names no phase of the built-in models.
const PHASE_UNKNOWN = compile(String.raw`^[ ]{0,3}(?<hashes>##)(?:[ \t]++(?<title>.*\S))?[ \t]*+$`, {
  hashes: 'punctuation.definition.heading.session',
  title: 'invalid.deprecated.phase.unknown.session',
});

// ------------------------------------------------------------------------------------- memos

const QUOTE = String.raw`(^|\G)[ ]{0,3}(>)[ ]?`;
const MEMO_LABELLED = compile(
  String.raw`^[ ]{0,3}(?<quote>>)[ ]?[ \t]*+(?<label>(?i:(?<bold>(?<boldOpen>\*\*)memo:(?<boldClose>\*\*))|memo:))`,
  {
    quote: 'punctuation.definition.quote.begin.markdown',
    label: 'keyword.other.memo.session',
    bold: 'markup.bold.memo.session',
    boldOpen: 'punctuation.definition.bold.session',
    boldClose: 'punctuation.definition.bold.session',
  },
);

// ------------------------------------------------------------------------------ front matter

// The grammar cannot look ahead for a front matter's closing `---`. A front matter that is never
// closed ends where the parser ends it (src/core/parse/frontMatter.ts), at lines no front matter
// holds: before a heading of level 2 to 6 or a turn with a timestamp or a bold label (not YAML,
// unlike `T: hi` or a `# comment`), or at a line of four or more dashes (a mistyped closing fence).
const FRONT_MATTER_STOP =
  String.raw`[ ]{0,3}#{2,6}(?:[ \t]|$)` +
  String.raw`|[ ]{0,3}(?:${TIMESTAMP_PLAIN}(?:\*\*${LABEL_ANY}:\*\*|\*\*${LABEL_ANY}\*\*:|${LABEL_ANY}:)|\*\*${LABEL_ANY}:\*\*|\*\*${LABEL_ANY}\*\*:)${AFTER_COLON}`;

// ------------------------------------------------------------------------------------- grammar

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Session Markdown',
  scopeName: 'text.session.markdown',
  comment: 'Generated by syntaxes/build-grammar.mjs; edit that file. Scopes are listed in docs/grammar.md.',
  patterns: [
    { include: '#front-matter' },
    { include: '#phase-heading' },
    { include: '#html-block' },
    { include: '#list-turn' },
    { include: '#turn' },
    { include: '#memo' },
    { include: 'text.html.markdown' },
  ],
  repository: {
    'front-matter': {
      comment:
        'YAML between `---` on the first line and the next `---`, as remark-frontmatter reads it; never closed, it ends where the parser ends it: before a level-2 to 6 heading or a turn with a timestamp or bold label, or at a line of four or more dashes.',
      begin: String.raw`\A(?=---[ \t]*$)`,
      end: String.raw`^(?:(---)[ \t]*$|(-{4,})[ \t]*$|(?=${FRONT_MATTER_STOP}))`,
      endCaptures: { 1: { name: 'punctuation.definition.end.frontmatter' }, 2: { name: 'invalid.illegal.fence.frontmatter.session' } },
      applyEndPatternLast: 1,
      name: 'meta.frontmatter.session',
      patterns: [
        {
          begin: String.raw`\A(---)[ \t]*$`,
          beginCaptures: { 1: { name: 'punctuation.definition.begin.frontmatter' } },
          while: String.raw`^(?!-{3,}[ \t]*$)(?!${FRONT_MATTER_STOP})`,
          contentName: 'meta.embedded.block.frontmatter',
          patterns: [{ include: 'source.yaml' }],
        },
      ],
    },
    'phase-heading': {
      patterns: [
        { name: 'markup.heading.phase.known.session', match: PHASE_KNOWN.regex, captures: PHASE_KNOWN.captures },
        { name: 'markup.heading.phase.unknown.session', match: PHASE_UNKNOWN.regex, captures: PHASE_UNKNOWN.captures },
      ],
    },
    turn: {
      comment: 'A turn line and the lines of its paragraph that follow it. Therapist and client are the default labels.',
      patterns: [
        turnRule('therapist', roleTurnBegin(THERAPIST), 'entity.name.tag.speaker.therapist.session'),
        turnRule('client', roleTurnBegin(CLIENT), 'variable.other.speaker.client.session'),
        turnRule('other', OTHER_TURN_BEGIN, 'support.type.speaker.other.session'),
      ],
    },
    'turn-content': {
      patterns: [
        { match: TURN_LIST_TURN.regex, captures: TURN_LIST_TURN.captures },
        { include: '#comment' }, { include: '#raw' }, { include: '#annotation' }, { include: '#transcription-mark' }, { include: '#inline' },
      ],
    },
    comment: {
      comment: 'An HTML comment: codes and goal references in it are not read (it may run over the lines of a turn).',
      patterns: [
        { name: 'comment.block.html', match: '<!---?>' },
        {
          name: 'comment.block.html',
          begin: '<!--',
          end: '-->',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.html' } },
          endCaptures: { 0: { name: 'punctuation.definition.comment.html' } },
        },
      ],
    },
    'html-block': {
      comment: 'HTML blocks that hold Markdown lines: turns in them are not read (rule turn-unread). Comments are Markdown\'s.',
      patterns: [
        {
          begin: String.raw`^[ ]{0,3}(?=${HTML_RAW_START})`,
          end: String.raw`(?i)</(?:${htmlRawNames.join('|')})>`,
          patterns: [{ include: '#html-block-content' }],
        },
        {
          begin: String.raw`^[ ]{0,3}(?=${HTML_BLOCK_START}|${HTML_TAG_LINE})`,
          while: String.raw`^(?=[ \t]*+\S)`,
          patterns: [{ include: '#html-block-content' }],
        },
      ],
    },
    'html-block-content': {
      patterns: [{ match: HTML_TURN.regex, captures: HTML_TURN.captures }, { include: '#comment' }, { include: 'text.html.derivative' }],
    },
    'list-turn': {
      comment: 'A list item written as a turn (`1. T: Hello`): Markdown reads a list, so it is no turn (rule turn-unread).',
      patterns: [listTurn(String.raw`\d{1,9}[.)]`, 'numbered'), listTurn('[-+*]', 'unnumbered')],
    },
    inline: {
      comment: 'The inline Markdown of turns and memos: code spans, emphasis and escapes (links stay plain text).',
      patterns: [{ include: '#raw' }, { include: '#emphasis' }, { include: '#escape' }],
    },
    escape: {
      comment: "Markdown's backslash escapes, except braces: the parser reads every {…} in a turn as a code.",
      name: 'constant.character.escape.markdown',
      match: String.raw`\\[-\]!#(-+.<>\[\\_\x60]`,
    },
    raw: { name: 'markup.inline.raw.string.markdown', match: RAW.regex, captures: RAW.captures },
    emphasis: { patterns: EMPHASIS },
    annotation: {
      patterns: [
        { name: 'meta.annotation.goal.session', match: GOAL.regex, captures: GOAL.captures },
        { name: 'meta.annotation.code.session invalid.illegal.code.empty.session', match: CODE_EMPTY.regex, captures: CODE_EMPTY.captures },
        { name: 'meta.annotation.code.session', match: CODE.regex, captures: CODE.captures },
      ],
    },
    'transcription-mark': {
      patterns: [
        { name: 'comment.other.transcription-mark.redacted.session', match: REDACTION_MARK.regex, captures: REDACTION_MARK.captures },
        { name: 'comment.other.transcription-mark.session', match: BRACKET_MARK.regex, captures: BRACKET_MARK.captures },
        { name: 'comment.other.transcription-mark.session', match: PAREN_MARK.regex, captures: PAREN_MARK.captures },
      ],
    },
    memo: {
      comment: 'A block quote; directly after a turn it is a memo on it (the grammar cannot tell where it stands).',
      patterns: [
        {
          name: 'markup.quote.memo.session',
          begin: MEMO_LABELLED.regex,
          beginCaptures: MEMO_LABELLED.captures,
          while: QUOTE,
          whileCaptures: { 2: { name: 'punctuation.definition.quote.begin.markdown' } },
          patterns: [{ include: '#quote-turn' }, { include: '#inline' }],
        },
        {
          name: 'markup.quote.memo.session',
          begin: QUOTE,
          beginCaptures: { 2: { name: 'punctuation.definition.quote.begin.markdown' } },
          while: QUOTE,
          whileCaptures: { 2: { name: 'punctuation.definition.quote.begin.markdown' } },
          patterns: [{ include: '#quote-turn' }, { include: '#inline' }],
        },
      ],
    },
    'quote-turn': {
      comment: 'A quote line written as a turn (`> C: …`): no turn (rule turn-unread).',
      match: QUOTE_TURN.regex,
      captures: QUOTE_TURN.captures,
    },
  },
  injections: {
    // Codes and marks inside bold or italic text of a turn still count (not in memos, code spans or comments).
    'L:meta.turn markup.bold.markdown - markup.inline.raw - comment.block.html, L:meta.turn markup.italic.markdown - markup.inline.raw - comment.block.html': {
      patterns: [{ include: '#comment' }, { include: '#annotation' }, { include: '#transcription-mark' }],
    },
  },
};

const json = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== json) {
    console.error('syntaxes/session-markdown.tmLanguage.json is out of date: run node syntaxes/build-grammar.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(OUT, json);
  console.log(`wrote ${OUT}`);
}
