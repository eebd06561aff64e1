import type { Codebook, Session, Turn } from '../../src/core';
import type { Utterance } from '../../src/core/model';

// The decision rules of the coding manuals (MITI 4.2.1, MISC 2.5; see the facts in
// ../shared/domain/coding-standards.md) that can be checked on a coded text without a coder's
// judgement. They are narrow on purpose: a rule that needs to understand the words (is this
// reflection simple or complex? does this question seek collaboration?) is not here, and the
// word patterns below only catch the plain forms that a teaching example would use.

/** Which codes of a codebook play which part in the manual's decision rules. */
export interface CodeKinds {
  /** Question codes: their utterance is a question, so it ends with '?'. */
  questions: string[];
  /** Reflection codes: a reflection is a statement, so its utterance does not end with '?'. */
  reflections: string[];
  /** Giving-information codes: self-disclosure and structuring are not information. */
  information: string[];
  /** Affirmation codes: an affirmation is about the client. */
  affirmations: string[];
  /** Codes for a word of sympathy (MISC Support); without one, sympathy stays uncoded. */
  support: string[];
  /** MITI's Seek Collaboration: working together, which is not handing the decision to the client. */
  collaboration: string[];
  /** MITI's Emphasize Autonomy: the decision and the change are the client's. */
  autonomy: string[];
}

/** The manual's kinds of code in each built-in codebook. */
export const BUILTIN_CODE_KINDS: Record<string, CodeKinds> = {
  core: {
    questions: ['open-question', 'closed-question'],
    reflections: ['reflection', 'reflection.simple', 'reflection.complex'],
    information: ['psychoeducation'],
    affirmations: ['affirmation'],
    support: ['validation'],
    collaboration: [],
    autonomy: [],
  },
  'miti-4.2.1': {
    questions: ['question'],
    reflections: ['reflection', 'reflection.simple', 'reflection.complex'],
    information: ['giving-information'],
    affirmations: ['affirm'],
    support: [],
    collaboration: ['seek-collaboration'],
    autonomy: ['emphasize-autonomy'],
  },
  'misc-2.5': {
    questions: ['oq', 'cq'],
    reflections: ['sr', 'cr'],
    information: ['gi'],
    affirmations: ['af'],
    support: ['su'],
    collaboration: [],
    autonomy: [],
  },
  annomi: {
    questions: ['question', 'question.open', 'question.closed'],
    reflections: ['reflection', 'reflection.simple', 'reflection.complex'],
    information: ['input.information'],
    affirmations: [],
    support: [],
    collaboration: [],
    autonomy: [],
  },
};

/** "That must be really difficult for you", "I'm sorry to hear that": sympathy, MISC's Support. */
const SYMPATHY =
  /\bthat must (?:be|have been)\b[^.?!]*\b(?:hard|difficult|tough|painful|awful|upsetting|frightening|lonely)\b|\bI'm (?:so |very |really )?sorry (?:to hear|that|about)\b/i;
/** The clinician speaking of themself (self-disclosure) or of the session's plan (structuring). */
const ABOUT_THE_CLINICIAN = /\b(?:I|I'm|I've|I'd|I'll|me|my|myself)\b/i;
const SESSION_PLAN = /\b(?:let's|let us|we'll|we will|we're going to|we are going to)\b/i;
/** The decision is the client's, or they know best: what Emphasize Autonomy says in so many words. */
const CLIENT_DECIDES =
  /\b(?:up to you|your (?:decision|choice|call)|you(?:'re| are) the one who (?:decides|chooses|knows)|you (?:decide|choose)|you know (?:yourself|your \w+) (?:best|better))\b/i;
/** The client, addressed: an affirmation is about them. */
const ABOUT_THE_CLIENT = /\byou(?:r|rs|rself|'re|'ve|'ll|'d)?\b/i;

/** A decision rule broken: the utterance, with its codes, and the rule. */
export interface Breach {
  where: string;
  rule: string;
}

/** Where the coded utterances of `session` break a decision rule; empty when they break none. */
export function decisionRuleBreaches(session: Session, codebook: Codebook, kinds: CodeKinds): Breach[] {
  return session.turns.flatMap((turn) => turn.utterances.flatMap((utterance) => utteranceBreaches(turn, utterance, codebook, kinds)));
}

function utteranceBreaches(turn: Turn, utterance: Utterance, codebook: Codebook, kinds: CodeKinds): Breach[] {
  const ids = turn.codes.filter((c) => c.utterance === utterance.index).map((c) => c.id);
  const where = `${turn.label}: "${utterance.text}" {${ids.join('} {')}}`;
  const breaches: Breach[] = [];
  const breach = (rule: string): void => void breaches.push({ where, rule });
  for (const id of ids) {
    const code = codebook.codes.get(id);
    if (!code) breach(`'${id}' is not a code of ${codebook.name}`);
    else if (code.role !== 'any' && code.role !== turn.role) breach(`'${id}' is a ${code.role} code on a ${turn.role ?? 'undeclared speaker'}'s turn`);
  }
  if (ids.includes('persuade') && ids.includes('persuade.with-permission'))
    breach('Persuade with Permission and Persuade on one utterance: it is Persuade with Permission alone');
  // MITI and MISC give an utterance one code (their `counting:` says so); core lets a question also say what it is for.
  else if (codebook.counting?.maxCodesPerUtterance !== undefined && ids.length > codebook.counting.maxCodesPerUtterance)
    breach(
      codebook.counting.maxCodesPerUtterance === 1
        ? 'an utterance gets one code at most'
        : `an utterance gets ${codebook.counting.maxCodesPerUtterance} codes at most`,
    );
  const text = utterance.text.replace(/["'”’)\]\s]+$/, '');
  const has = (list: string[]): boolean => ids.some((id) => list.includes(id));
  if (has(kinds.questions) && !text.endsWith('?')) breach('a question ends with a question mark');
  if (has(kinds.reflections) && text.endsWith('?')) breach('a reflection is a statement, not a question');
  if (!has(kinds.support) && SYMPATHY.test(text))
    breach(`a word of sympathy is ${kinds.support.length > 0 ? `coded {${kinds.support[0]}} on its own` : 'left uncoded'}, after the utterance it follows`);
  if (has(kinds.information) && (ABOUT_THE_CLINICIAN.test(text) || SESSION_PLAN.test(text))) {
    breach('self-disclosure and structuring (the clinician about themself or the session plan) are not giving information');
  }
  if (has(kinds.affirmations) && !ABOUT_THE_CLIENT.test(text)) breach('an affirmation is about the client');
  if (has(kinds.collaboration) && CLIENT_DECIDES.test(text)) breach("saying the decision is the client's, or that they know best, is Emphasize Autonomy");
  if (has(kinds.autonomy) && !CLIENT_DECIDES.test(text)) breach("Emphasize Autonomy says in so many words that the decision is the client's");
  return breaches;
}
