import type { Rule } from '../types';
import { changeGoalMissing } from './change-goal-missing';
import { codeParsing } from './code-parsing';
import { codeRoleMismatch } from './code-role-mismatch';
import { codeUnknown } from './code-unknown';
import { codebookInvalid } from './codebook-invalid';
import { frontMatterInvalid } from './front-matter-invalid';
import { followUpWithoutTermination } from './follow-up-without-termination';
import { goalDisappeared } from './goal-disappeared';
import { goalRegressed } from './goal-regressed';
import { goalUndeclared } from './goal-undeclared';
import { goalUnreviewed } from './goal-unreviewed';
import { goalUnused } from './goal-unused';
import { mediaMissing } from './media-missing';
import { measureOutOfRange } from './measure-out-of-range';
import { measureUndeclared } from './measure-undeclared';
import { phaseDuplicate } from './phase-duplicate';
import { phaseMissing } from './phase-missing';
import { phaseOrder } from './phase-order';
import { intakeIncomplete } from './intake-incomplete';
import { phaseUnknown } from './phase-unknown';
import { piiDate } from './pii-date';
import { piiEmail } from './pii-email';
import { piiIdNumber } from './pii-id-number';
import { piiName } from './pii-name';
import { piiPhone } from './pii-phone';
import { piiUrl } from './pii-url';
import { ratingMissing } from './rating-missing';
import { ratingOutOfScale } from './rating-out-of-scale';
import { ratingUnknown } from './rating-unknown';
import { speakerUndeclared } from './speaker-undeclared';
import { stageUnknown } from './stage-unknown';
import { terminationGoalUnreviewed } from './termination-goal-unreviewed';
import { timestampInvalid } from './timestamp-invalid';
import { timestampBeyondMedia } from './timestamp-beyond-media';
import { timestampOrder } from './timestamp-order';
import { turnEmpty } from './turn-empty';
import { turnOutsidePhase } from './turn-outside-phase';
import { turnUnderlined } from './turn-underlined';
import { turnUnread } from './turn-unread';

/** Every rule, in the order their ids are documented. */
export const RULES: readonly Rule[] = [
  frontMatterInvalid,
  speakerUndeclared,
  phaseUnknown,
  phaseOrder,
  phaseDuplicate,
  phaseMissing,
  turnOutsidePhase,
  turnEmpty,
  turnUnread,
  turnUnderlined,
  codeUnknown,
  codeRoleMismatch,
  codeParsing,
  goalUndeclared,
  goalUnused,
  goalUnreviewed,
  changeGoalMissing,
  goalRegressed,
  goalDisappeared,
  stageUnknown,
  intakeIncomplete,
  terminationGoalUnreviewed,
  followUpWithoutTermination,
  timestampInvalid,
  timestampOrder,
  mediaMissing,
  timestampBeyondMedia,
  codebookInvalid,
  ratingUnknown,
  ratingOutOfScale,
  ratingMissing,
  measureUndeclared,
  measureOutOfRange,
  piiEmail,
  piiPhone,
  piiUrl,
  piiIdNumber,
  piiDate,
  piiName,
];
