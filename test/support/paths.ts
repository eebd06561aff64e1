import { join } from 'node:path';

/** The repository root, for tests that read fixtures, codebooks and the built CLI. */
export const ROOT = join(__dirname, '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const BUILTIN_CODEBOOKS_DIR = join(ROOT, 'codebooks');
