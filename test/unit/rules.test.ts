import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, Linter, RULES, type Finding } from '../../src/core';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR, FIXTURES } from '../support/paths';

// Each rule's ok and not-ok fixtures are its specification. A not-ok fixture lists the findings
// it expects in a trailing `<!-- expect … -->` comment, one `line:col-line:col message` a line;
// an optional `<name>.fixed.session.md` is the text after applying each finding's first fix.
const RULE_FIXTURES = join(FIXTURES, 'rules');

function expectations(text: string): string[] {
  const block = /<!--\s*expect\s*\n([\s\S]*?)-->/.exec(text);
  return block ? block[1]!.split('\n').map((l) => l.trim()).filter(Boolean) : [];
}

function describeFinding(f: Finding): string {
  return `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`;
}

describe('rules, from their fixtures', () => {
  const host = createNodeHost(BUILTIN_CODEBOOKS_DIR);
  for (const rule of RULES) {
    describe(rule.id, () => {
      const dir = join(RULE_FIXTURES, rule.id);
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.session.md') && !f.endsWith('.fixed.session.md')) : [];

      it('has ok and not-ok fixtures', () => {
        assert.ok(files.some((f) => f.startsWith('ok')), `no ok*.session.md in ${dir}`);
        assert.ok(files.some((f) => f.startsWith('not-ok')), `no not-ok*.session.md in ${dir}`);
      });

      for (const file of files) {
        const path = join(dir, file);
        it(file, async () => {
          const text = readFileSync(path, 'utf8');
          const linter = new Linter(host);
          const { findings } = await linter.lintText(path, text);
          const own = findings.filter((f) => f.ruleId === rule.id);
          if (file.startsWith('ok')) {
            assert.deepEqual(own.map(describeFinding), [], `${rule.id} should accept ${file}`);
            return;
          }
          const expected = expectations(text);
          assert.ok(expected.length > 0, `${file} lists no expected findings`);
          assert.deepEqual(own.map(describeFinding), expected);
          const fixedPath = path.replace(/\.session\.md$/, '.fixed.session.md');
          if (existsSync(fixedPath)) {
            const edits = own.flatMap((f) => f.fixes?.[0]?.edits ?? []);
            assert.equal(applyEdits(text, edits).text, readFileSync(fixedPath, 'utf8'));
          }
        });
      }
    });
  }
});
