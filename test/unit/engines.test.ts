import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { ROOT } from '../support/paths';

// The oldest Node.js the project says it supports installs every locked package without an
// EBADENGINE warning, so a working `npm ci` does not look broken; the README says the same version.
interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

describe('the Node.js versions the project supports', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
  const range = (lock.packages['']!.engines as { node: string }).node;
  const oldest = semver.minVersion(range)!.version;

  it('include the oldest one for every locked package', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(oldest, p.engines.node))
      .map(([path, p]) => `${path}@${p.version}: node ${(p.engines as { node: string }).node}`);
    assert.deepEqual(refusing, [], `Node.js ${oldest} (engines: ${range})`);
  });

  it('are the ones the README names', () => {
    const [major, minor] = oldest.split('.');
    assert.match(readFileSync(join(ROOT, 'README.md'), 'utf8'), new RegExp(`Node\\.js ${major}\\.${minor} or later`));
  });

  it('the check would notice a package that wants a newer Node.js', () => {
    assert.equal(semver.satisfies(oldest, '>=22.0.0'), false);
  });
});
