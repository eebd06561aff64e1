import type { PhaseDefinition, PhaseModel } from '../model';

/** The built-in phase models, by the name used in `phases:`. */
export const BUILTIN_PHASE_MODELS: Record<string, PhaseModel> = {
  default: {
    id: 'default',
    phases: [
      { name: 'Beginning', aliases: ['Opening', 'Initial', 'Start'] },
      { name: 'Middle', aliases: ['Working', 'Work'] },
      { name: 'Termination', aliases: ['Ending', 'Closing', 'Final', 'End'] },
    ],
  },
  mi: {
    id: 'mi',
    phases: [
      { name: 'Engaging', aliases: ['Engage', 'Engagement'] },
      { name: 'Focusing', aliases: ['Focus'] },
      { name: 'Evoking', aliases: ['Evoke', 'Evocation'] },
      { name: 'Planning', aliases: ['Plan'] },
    ],
  },
};

/** Turns a `phases:` value (a model name or a custom list) into a phase model; unknown values fall back to `default`. */
export function resolvePhaseModel(spec: string | PhaseDefinition[] | undefined): PhaseModel {
  if (Array.isArray(spec) && spec.length > 0) return { id: 'custom', phases: spec };
  if (typeof spec === 'string' && BUILTIN_PHASE_MODELS[spec]) return BUILTIN_PHASE_MODELS[spec]!;
  return BUILTIN_PHASE_MODELS['default']!;
}

/** Reads one entry of a custom `phases:` list. */
export function toPhaseDefinition(entry: unknown): PhaseDefinition | undefined {
  if (typeof entry === 'string' && entry.trim()) return { name: entry.trim(), aliases: [] };
  if (entry && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string') {
    const { name, aliases } = entry as { name: string; aliases?: unknown };
    return { name, aliases: Array.isArray(aliases) ? aliases.filter((a): a is string => typeof a === 'string') : [] };
  }
  return undefined;
}

const SUBTITLE_SEPARATOR = /\s+[—–-]\s+|\s*[:—–]\s*/;

/** Splits a heading such as `Middle — exposure work` into its phase part and subtitle. */
export function splitPhaseHeading(title: string): { head: string; subtitle?: string } {
  const match = SUBTITLE_SEPARATOR.exec(title);
  if (!match) return { head: title.trim() };
  const subtitle = title.slice(match.index + match[0].length).trim();
  return subtitle ? { head: title.slice(0, match.index).trim(), subtitle } : { head: title.slice(0, match.index).trim() };
}

/** Finds the phase a heading names: its first words are the phase's name or an alias (`Middle phase` names Middle). */
export function matchPhase(model: PhaseModel, title: string): { index: number; subtitle?: string } {
  const { head, subtitle } = splitPhaseHeading(title);
  const words = normalise(head);
  for (let i = 0; i < model.phases.length; i++) {
    const phase = model.phases[i]!;
    for (const name of [phase.name, ...phase.aliases]) {
      const nameWords = normalise(name);
      if (nameWords.length > 0 && nameWords.every((w, k) => words[k] === w) && isPhaseSuffix(words.slice(nameWords.length))) {
        return subtitle === undefined ? { index: i } : { index: i, subtitle };
      }
    }
  }
  return { index: -1 };
}

// After the phase name only filler words may follow, so `Middle phase` names a phase but `Middle school` does not.
function isPhaseSuffix(rest: string[]): boolean {
  return rest.length === 0 || (rest.length === 1 && ['phase', 'stage', 'process'].includes(rest[0]!));
}

function normalise(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[*_`#]/g, '')
    .split(/\s+/)
    .filter(Boolean);
}
