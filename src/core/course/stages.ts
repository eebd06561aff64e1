import type { ResolvedConfig } from '../config/config';

// The stages of a course of therapy as the seed describes them: the initial sessions, the working
// sessions, the termination sessions; and a follow-up after the end.

/** The built-in stages, in course order, used unless a `.sessionmdrc.yaml` lists its own under `stages:`. */
export const BUILTIN_STAGES: readonly string[] = ['intake', 'working', 'termination', 'follow-up'];

/** The stages a session's `stage:` may name, in course order: the config's list, or the built-in one. */
export function stagesInForce(config: Pick<ResolvedConfig, 'stages'> | undefined): readonly string[] {
  return config?.stages ?? BUILTIN_STAGES;
}
