import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ConfigLoadError, Linter, RULES, type Finding } from '../../src/core';
import { CONFIG_FILE_NAME, ConfigResolver } from '../../src/core/config/config';
import { excerpt, EXCERPT_LENGTH } from '../../src/core/text/excerpt';
import { parseSession } from '../../src/core/parse/session';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR, FIXTURES, ROOT } from '../support/paths';
import { makeWorkspace } from '../support/workspace';

// Issue 11, item 2: no message quotes free text from a transcript except through `excerpt`,
// which masks it. The mechanical check below lints every rule fixture and looks for words of
// the transcript in the messages; a rule added later that quotes a heading, a label or a value
// fails it with its own fixtures, which every rule must have (rules.test.ts).

const WORD = /\p{L}{3,}/gu;
const words = (text: string): string[] => (text.match(WORD) ?? []).map((w) => w.toLowerCase());

/**
 * The words a message may contain although a transcript contains them too: the fixed text of
 * the core's messages (its string literals, not the values put into them), the schemas, the
 * rules' ids and descriptions. The codebooks and configs in force are added per file.
 */
function messageVocabulary(): Set<string> {
  const vocabulary = new Set<string>();
  const add = (text: string): void => words(text).forEach((w) => vocabulary.add(w));
  // Where messages are built; `language/` and `research/` hold templates and sample text that are no message words.
  for (const dir of ['lint', 'parse', 'schema', 'codebook', 'config', 'text']) {
    for (const file of sourceFiles(join(ROOT, 'src', 'core', dir))) stringLiterals(file).forEach(add);
  }
  for (const schema of readdirSync(join(ROOT, 'schemas'))) add(readFileSync(join(ROOT, 'schemas', schema), 'utf8'));
  for (const rule of RULES) add(`${rule.id} ${rule.description}`);
  return vocabulary;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

// The literal parts of strings and templates; what goes into `${…}` is a value, not message text.
function stringLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every `*.session.md` fixture of every rule, with those one folder down. */
function ruleFixtures(): string[] {
  const root = join(FIXTURES, 'rules');
  const files: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && depth < 2) walk(join(dir, entry.name), depth + 1);
      else if (entry.isFile() && entry.name.endsWith('.session.md') && !entry.name.endsWith('.fixed.session.md')) files.push(join(dir, entry.name));
    }
  };
  walk(root, 0);
  return files.sort();
}

/** The transcript's words, without the `<!-- expect … -->` block that lists the messages themselves. */
function transcriptWords(text: string): Set<string> {
  return new Set(words(text.replace(/<!--\s*expect\s*\n[\s\S]*?-->/, '')));
}

describe('messages quote no transcript text (issue 11, item 2)', () => {
  it('masks text in an excerpt: first letter of each word, # for digits, punctuation kept, bounded', () => {
    assert.equal(excerpt('Jane Doe'), 'J*** D**');
    assert.equal(excerpt('4111 1111 1111 1111'), '#### #### #### ####');
    assert.equal(excerpt('jane.doe@example.org'), 'j***.d**@e******.o**');
    assert.equal(excerpt('Søren Kierkegaard'), 'S**** K**********');
    assert.equal(excerpt('Zoe\u0308 O’Brien'), 'Z** O’B****', 'a combining mark goes with its letter');
    assert.equal(excerpt('Talk with Jane Doe about 4111 1111 1111 1111'), 'T*** w*** J*** D** a****…');
    assert.equal(excerpt('x'.repeat(1_000_000)), `x${'*'.repeat(EXCERPT_LENGTH - 1)}…`, 'a long run is cut at the bound');
    assert.equal(excerpt(''), '');
  });

  it('shows control, bidi and zero-width characters in an excerpt as visible escapes', () => {
    assert.equal(excerpt('A\x1b[2K\rB'), 'A\\x1b[#K\\rB');
    assert.equal(excerpt('\u202eevil\u200b'), '\\u202ee***\\u200b');
    assert.equal(excerpt('a\nb\u0085c'), 'a\\nb\\x85c');
  });

  it('describes YAML mistakes in the front matter and the pseudonym map without repeating the text', async () => {
    const frontMatters = [
      'client: "Jane \\q Doe"',
      'client: {Jane Doe: 1, Jane: }x',
      'client: @Jane',
      'client: *Jane',
      'client: |Jane\n Doe',
      'client: [Jane, "Doe',
      'Jane Doe: 1\nJane Doe: 2',
      'speakers: {Jane Doe: clint}',
      'client: 12\ngoals:\n  - id: 4111\n    text: t',
    ];
    for (const yaml of frontMatters) {
      const problems = parseSession(`---\n${yaml}\n---\n`).frontMatter!.problems;
      assert.ok(problems.length > 0, yaml);
      for (const { message } of problems) {
        assert.doesNotMatch(message, /jane|\bdoe|4111/i, `${yaml}: ${message}`);
        assert.doesNotMatch(message, /[\\]q/, `${yaml}: ${message}`);
      }
    }
    const ws = makeWorkspace({ '.sessionmdrc.yaml': 'pii:\n  pseudonyms: p.yaml\n', 'p.yaml': 'Jane Doe: "Client \\q A"\n' });
    try {
      const error = await new ConfigResolver(createNodeHost(BUILTIN_CODEBOOKS_DIR)).forFile(ws.path('a.session.md')).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof ConfigLoadError);
      assert.match(error.message, /invalid escape sequence/);
      assert.doesNotMatch(error.message.replace(ws.dir, ''), /jane|client|\\q/i);
    } finally {
      ws.dispose();
    }
  });

  it('no rule fixture gets a message with a word of its transcript that is not vocabulary', async () => {
    const host = createNodeHost(BUILTIN_CODEBOOKS_DIR);
    const vocabulary = messageVocabulary();
    const leaks: string[] = [];
    let messages = 0;
    for (const path of ruleFixtures()) {
      const text = readFileSync(path, 'utf8');
      const linted = await new Linter(host).lintText(path, text);
      // The codebooks and configs in force are vocabulary, and so are their paths (every output names files); the pii denylist and pseudonym map are not.
      const own = new Set(vocabulary);
      const vocabularyFiles = [
        ...linted.config.files.filter((f) => f.endsWith(CONFIG_FILE_NAME)),
        ...[linted.codebook, ...linted.libraries].map((c) => c?.path),
      ];
      for (const file of vocabularyFiles) {
        if (!file) continue;
        words(file).forEach((w) => own.add(w));
        if (existsSync(file)) words(readFileSync(file, 'utf8')).forEach((w) => own.add(w));
      }
      const transcript = transcriptWords(text);
      const findings: Finding[] = linted.findings;
      for (const finding of findings) {
        messages++;
        const quoted = words(finding.message).filter((w) => transcript.has(w) && !own.has(w));
        if (quoted.length > 0) leaks.push(`${path.slice(FIXTURES.length + 1)}: ${finding.ruleId}: ${finding.message} (quotes ${quoted.join(', ')})`);
      }
    }
    assert.ok(messages > 100, `only ${messages} messages were checked`);
    assert.deepEqual(leaks, []);
  });
});
