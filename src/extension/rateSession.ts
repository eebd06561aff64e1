import * as vscode from 'vscode';
import { currentRating, noticeText, ratingChoices, ratingEdits, ratingValueProblem, type RatingChoice, type RatingScale } from '../core';
import { isSession } from './documents';
import { toVsRange } from './positions';
import type { SessionStore } from './sessionStore';

export const RATE_SESSION_COMMAND = 'sessionMarkdown.rateSession';

type ChoiceItem = vscode.QuickPickItem & { choice: RatingChoice };

/** Registers "Rate Session…": a quick pick per rating scale of the session's codebook, then one edit of the front matter. */
export function registerRateSession(context: vscode.ExtensionContext, store: SessionStore): void {
  context.subscriptions.push(vscode.commands.registerCommand(RATE_SESSION_COMMAND, () => rateSession(store)));
}

async function rateSession(store: SessionStore): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isSession(editor.document)) return void vscode.window.showInformationMessage('Open a session transcript (*.session.md) first.');
  const document = editor.document;
  const analysis = await store.analyse(document);
  if (!analysis.linted)
    return void vscode.window.showWarningMessage(
      analysis.skipped ? `Live analysis is off for this file (${analysis.skipped}).` : 'This file could not be analysed; see the Problems panel.',
    );
  const codebook = analysis.codebook;
  if (!codebook) return void vscode.window.showWarningMessage('No codebook is in force for this session; check `codebook:` in its front matter.');
  const scales = codebook.ratings ?? [];
  if (scales.length === 0)
    return void vscode.window.showInformationMessage(`The codebook "${noticeText(codebook.name)}" declares no rating scales; miti-4.2.1 and misc-2.5 do.`);
  const values = await walkScales(scales, (scale) => currentRating(analysis.linted!.session, scale));
  if (!values) return;
  await writeRatings(store, document, values);
}

/** Asks for each scale in turn (Back goes to the one before); the values chosen, or undefined when cancelled. */
async function walkScales(scales: RatingScale[], current: (scale: RatingScale) => number | undefined): Promise<Map<string, number> | undefined> {
  const chosen: (number | 'skip')[] = [];
  for (let i = 0; i < scales.length;) {
    const scale = scales[i]!;
    const answer = await pickLevel(scale, current(scale), i, scales.length);
    if (answer === undefined) return undefined;
    if (answer === 'back') {
      i = Math.max(0, i - 1);
      continue;
    }
    chosen[i++] = answer;
  }
  const values = new Map<string, number>();
  scales.forEach((scale, i) => {
    const value = chosen[i];
    if (typeof value === 'number') values.set(scale.id, value);
  });
  return values;
}

function pickLevel(scale: RatingScale, current: number | undefined, index: number, total: number): Promise<number | 'skip' | 'back' | undefined> {
  const pick = vscode.window.createQuickPick<ChoiceItem>();
  pick.title = `Rate Session (${index + 1}/${total}): ${scale.label}`;
  pick.placeholder = scale.description ?? `${scale.label}, from ${scale.min} to ${scale.max}`;
  pick.matchOnDetail = true;
  // Coders look back at the transcript while they rate: clicking into it must not end the walk.
  pick.ignoreFocusOut = true;
  if (index > 0) pick.buttons = [vscode.QuickInputButtons.Back];
  const items = ratingChoices(scale, current).map((choice): ChoiceItem => ({
    label: choice.label,
    description: choice.description,
    detail: choice.detail,
    choice,
  }));
  pick.items = items;
  pick.activeItems = items.filter((item) => item.choice.active);
  return new Promise((resolve) => {
    let settled = false;
    // While the input box for another value is open the pick is hidden, which must not end the walk.
    let asking = false;
    const settle = (answer: number | 'skip' | 'back' | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(answer);
      pick.dispose();
    };
    pick.onDidTriggerButton(() => settle('back'));
    pick.onDidHide(() => !asking && settle(undefined));
    pick.onDidAccept(() => {
      const choice = pick.selectedItems[0]?.choice ?? pick.activeItems[0]?.choice;
      if (!choice) return;
      if (choice.kind === 'level') return settle(choice.value);
      if (choice.kind === 'skip') return settle('skip');
      asking = true;
      void askValue(scale, current).then((value) => {
        asking = false;
        // Escape in the input box goes back to the levels.
        if (value === undefined) pick.show();
        else settle(value);
      });
    });
    pick.show();
  });
}

function askValue(scale: RatingScale, current: number | undefined): Thenable<number | undefined> {
  return vscode.window
    .showInputBox({
      title: scale.label,
      prompt: `A number from ${scale.min} to ${scale.max}`,
      value: current === undefined ? '' : String(current),
      validateInput: (text) => ratingValueProblem(scale, text),
      ignoreFocusOut: true,
    })
    .then((text) => (text === undefined ? undefined : Number(text.trim())));
}

/** Writes the values into the document as it is now (it may have changed while the picks were open). */
async function writeRatings(store: SessionStore, document: vscode.TextDocument, values: Map<string, number>): Promise<void> {
  const analysis = await store.analyse(document);
  if (!analysis.linted) return void vscode.window.showWarningMessage('This file could not be analysed; the ratings were not written.');
  const result = ratingEdits(analysis.linted.session, values);
  if ('problem' in result) return void vscode.window.showWarningMessage(`The ratings were not written: ${result.problem}`);
  if (result.edits.length === 0) return;
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits) edit.replace(document.uri, toVsRange(e.range), e.newText);
  if (document.version !== analysis.version || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage('The transcript changed while the ratings were written; run Rate Session… again.');
  }
}
