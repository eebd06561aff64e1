import type { PseudoRule, Rule } from '../../core';

/** What a formatter may need besides the reports (each with its path as the user should see it). */
export interface FormatContext {
  color: boolean;
  rules: readonly Rule[];
  /** Pseudo-rules reported besides the rules, such as `file-invalid`. */
  extraRules: readonly PseudoRule[];
}
