import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FolderCourses, Linter, RULES, type Finding } from '../../src/core';
import { applyEdits } from '../../src/core/lint/fix';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR, FIXTURES } from '../support/paths';

// Each rule's ok and not-ok fixtures are its specification. A not-ok fixture lists the findings
// it expects in a trailing `<!-- expect … -->` comment, one `line:col-line:col message` a line;
// an optional `<name>.fixed.session.md` is the text after applying each finding's first fix.
// Fixtures that need their own `.sessionmdrc.yaml` sit one folder down, e.g. `<rule>/required/`.
// The course rules read the other sessions of the same client (or course) in the fixture's folder,
// as `session-md lint` does: a multi-session case is a folder of its own, e.g. `<rule>/not-ok-back/`,
// whose earlier sessions are fixtures too (named `ok-…` when the rule must accept them).
const RULE_FIXTURES = join(FIXTURES, 'rules');

const isFixture = (f: string): boolean => f.endsWith('.session.md') && !f.endsWith('.fixed.session.md');

/** The fixtures of a rule: its folder's `*.session.md` files and those of its direct subfolders, as relative paths. */
function fixtureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && isFixture(entry.name)) files.push(entry.name);
    if (entry.isDirectory()) {
      for (const sub of readdirSync(join(dir, entry.name), { withFileTypes: true })) {
        if (sub.isFile() && isFixture(sub.name)) files.push(`${entry.name}/${sub.name}`);
      }
    }
  }
  return files.sort();
}

function expectations(text: string): string[] {
  const block = /<!--\s*expect\s*\n([\s\S]*?)-->/.exec(text);
  return block
    ? block[1]!
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
}

function describeFinding(f: Finding): string {
  return `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`;
}

describe('rules, from their fixtures', () => {
  const host = createNodeHost(BUILTIN_CODEBOOKS_DIR);
  const courses = { transcriptsIn: host.transcriptsIn!, readHead: host.readHead! };
  for (const rule of RULES) {
    describe(rule.id, () => {
      const dir = join(RULE_FIXTURES, rule.id);
      const files = fixtureFiles(dir);

      it('has ok and not-ok fixtures', () => {
        assert.ok(
          files.some((f) => basename(f).startsWith('ok')),
          `no ok*.session.md in ${dir}`,
        );
        assert.ok(
          files.some((f) => basename(f).startsWith('not-ok')),
          `no not-ok*.session.md in ${dir}`,
        );
      });

      for (const file of files) {
        const path = join(dir, file);
        it(file, async () => {
          const text = readFileSync(path, 'utf8');
          const linter = new Linter(host, { courses: new FolderCourses(courses) });
          const { findings } = await linter.lintText(path, text);
          const own = findings.filter((f) => f.ruleId === rule.id);
          // Run alone (`lint --rules <id>`, which loads the codebook only for a rule marked as reading it), the rule finds the same.
          const alone = await new Linter(host, { courses: new FolderCourses(courses), onlyRules: [rule.id] }).lintText(path, text);
          assert.deepEqual(alone.findings, own, `${rule.id} run alone finds something else in ${file}`);
          if (basename(file).startsWith('ok')) {
            assert.deepEqual(own.map(describeFinding), [], `${rule.id} should accept ${file}`);
            return;
          }
          const expected = expectations(text);
          assert.ok(expected.length > 0, `${file} lists no expected findings`);
          assert.deepEqual(own.map(describeFinding), expected);
          const fixedPath = path.replace(/\.session\.md$/, '.fixed.session.md');
          if (existsSync(fixedPath)) {
            const edits = own.flatMap((f) => f.fixes?.[0]?.edits ?? []);
            // Positions are in the text without its BOM (see model.ts), so edits apply there and the BOM is put back.
            const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
            assert.equal(bom + applyEdits(text.slice(bom.length), edits).text, readFileSync(fixedPath, 'utf8'));
          }
        });
      }
    });
  }
});
