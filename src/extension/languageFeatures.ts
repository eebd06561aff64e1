import * as vscode from 'vscode';
import {
  completionsAt,
  courseKey,
  lookupCode,
  NO_CLIENT,
  foldingRanges,
  hoverAt,
  occurrencesAt,
  outline,
  renameEdits,
  validNewId,
  type CompletionEntry,
  type OutlineSymbol,
  type Range,
  type Session,
  type SymbolOccurrences,
} from '../core';
import { toMarkdownString } from './markdown';
import { toOffset, toVsRange } from './positions';
import type { SessionAnalysis } from './sessionStore';
import type { SessionWorkspace } from './workspace';

const SELECTOR: vscode.DocumentSelector = { language: 'session-markdown' };

const COMPLETION_KIND: Record<CompletionEntry['kind'], vscode.CompletionItemKind> = {
  speaker: vscode.CompletionItemKind.User,
  code: vscode.CompletionItemKind.EnumMember,
  goal: vscode.CompletionItemKind.Reference,
  snippet: vscode.CompletionItemKind.Snippet,
  rating: vscode.CompletionItemKind.Property,
  level: vscode.CompletionItemKind.Value,
  stage: vscode.CompletionItemKind.EnumMember,
};

const SYMBOL_KIND: Record<OutlineSymbol['kind'], vscode.SymbolKind> = {
  'front-matter': vscode.SymbolKind.Namespace,
  phase: vscode.SymbolKind.Module,
  section: vscode.SymbolKind.String,
  topic: vscode.SymbolKind.Key,
};

/** Registers completion, hover, outline, folding, definition, references and rename; all read the workspace's store. */
export function registerLanguageFeatures(workspace: SessionWorkspace): vscode.Disposable {
  const { store } = workspace;
  const session = async (document: vscode.TextDocument): Promise<SessionAnalysis | undefined> => {
    const analysis = await store.analyse(document);
    return analysis.linted ? analysis : undefined;
  };
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        async provideCompletionItems(document, position) {
          const a = await session(document);
          return a
            ? completionsAt(a.linted!.session, toOffset(document, position), a.codebook, vscode.workspace.isTrusted, a.linted!.config.stages).map(
                toCompletionItem,
              )
            : [];
        },
      },
      '{',
      '#',
    ),
    vscode.languages.registerHoverProvider(SELECTOR, {
      async provideHover(document, position) {
        const a = await session(document);
        const hover = a && hoverAt(a.linted!.session, toOffset(document, position), a.codebook, a.linted!.config.stages);
        return hover ? new vscode.Hover(toMarkdownString(hover.markdown), toVsRange(hover.range)) : undefined;
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(SELECTOR, {
      async provideDocumentSymbols(document) {
        const a = await session(document);
        return a ? outline(a.linted!.session).map(toDocumentSymbol) : [];
      },
    }),
    vscode.languages.registerFoldingRangeProvider(SELECTOR, {
      async provideFoldingRanges(document) {
        const a = await session(document);
        if (!a) return [];
        return foldingRanges(a.linted!.session).map(
          (f) => new vscode.FoldingRange(f.startLine - 1, f.endLine - 1, f.kind === 'memo' ? vscode.FoldingRangeKind.Comment : vscode.FoldingRangeKind.Region),
        );
      },
    }),
    vscode.languages.registerDefinitionProvider(SELECTOR, {
      async provideDefinition(document, position) {
        const found = await occurrences(document, position);
        return found?.definition ? new vscode.Location(document.uri, toVsRange(found.definition)) : undefined;
      },
    }),
    vscode.languages.registerReferenceProvider(SELECTOR, {
      async provideReferences(document, position, context) {
        const found = await occurrences(document, position);
        if (!found) return [];
        return workspaceOccurrences(workspace, document.uri, found, context.includeDeclaration);
      },
    }),
    vscode.languages.registerRenameProvider(SELECTOR, {
      async prepareRename(document, position) {
        const found = await occurrences(document, position);
        if (!found) throw new Error('Place the cursor on a goal id or a code to rename it.');
        return { range: toVsRange(found.range), placeholder: found.id };
      },
      async provideRenameEdits(document, position, newName) {
        const found = await occurrences(document, position);
        if (!found) return undefined;
        const problem = validNewId(found.kind, newName);
        if (problem) throw new Error(problem);
        // Renaming a code re-codes turns; it must land on a code the codebook defines, or every turn becomes code-unknown.
        const codebook = (await store.analyse(document)).codebook;
        if (found.kind === 'code' && codebook && !lookupCode(codebook, newName)) {
          throw new Error(`'${newName}' is not a code of ${codebook.name}; add it to a library first, then rename.`);
        }
        return workspaceRename(workspace, document.uri, found, newName);
      },
    }),
  );

  async function occurrences(document: vscode.TextDocument, position: vscode.Position): Promise<SymbolOccurrences | undefined> {
    const a = await session(document);
    return a && occurrencesAt(a.linted!.session, toOffset(document, position));
  }
}

function toCompletionItem(entry: CompletionEntry): vscode.CompletionItem {
  const item = new vscode.CompletionItem(entry.label, COMPLETION_KIND[entry.kind]);
  item.insertText = entry.isSnippet ? new vscode.SnippetString(entry.insertText) : entry.insertText;
  item.range = toVsRange(entry.range);
  if (entry.detail !== undefined) item.detail = entry.detail;
  if (entry.documentation !== undefined) item.documentation = toMarkdownString(entry.documentation);
  if (entry.sortText !== undefined) item.sortText = entry.sortText;
  if (entry.filterText !== undefined) item.filterText = entry.filterText;
  if (entry.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: 'Propose again' };
  return item;
}

function toDocumentSymbol(symbol: OutlineSymbol): vscode.DocumentSymbol {
  const result = new vscode.DocumentSymbol(
    symbol.name || '(untitled)',
    symbol.detail ?? '',
    SYMBOL_KIND[symbol.kind],
    toVsRange(symbol.range),
    toVsRange(symbol.selectionRange),
  );
  result.children = symbol.children.map(toDocumentSymbol);
  return result;
}

// Goals carry over between the sessions of one client's (or course's) therapy, and codes between
// all sessions coded with the same scheme: references and renames reach exactly those sessions.
async function forEachSession(
  workspace: SessionWorkspace,
  origin: vscode.Uri,
  found: SymbolOccurrences,
  visit: (analysis: SessionAnalysis) => void,
): Promise<void> {
  const { store } = workspace;
  const uris = await workspace.findTranscripts();
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.languageId === 'session-markdown' && !uris.some((u) => u.toString() === doc.uri.toString())) uris.push(doc.uri);
  }
  const home = (await store.analyseUri(origin)).linted?.session;
  const course = home && courseKey(home).group;
  for (const uri of uris) {
    const analysis = await store.analyseUri(uri);
    const session = analysis.linted?.session;
    if (!session) continue;
    if (found.kind === 'goal' && uri.toString() !== origin.toString() && (course === NO_CLIENT || courseKey(session).group !== course)) continue;
    visit(analysis);
  }
}

async function workspaceOccurrences(
  workspace: SessionWorkspace,
  origin: vscode.Uri,
  found: SymbolOccurrences,
  includeDeclaration: boolean,
): Promise<vscode.Location[]> {
  const locations: vscode.Location[] = [];
  await forEachSession(workspace, origin, found, (analysis) => {
    const session = analysis.linted!.session;
    const same = analysis.uri.toString() === origin.toString();
    const ranges = same ? found.references : occurrencesOf(session, found);
    const definition = same ? found.definition : found.kind === 'goal' ? session.frontMatter?.goals.find((g) => g.id === found.id)?.idRange : undefined;
    if (includeDeclaration && definition) locations.push(new vscode.Location(analysis.uri, toVsRange(definition)));
    for (const range of ranges) locations.push(new vscode.Location(analysis.uri, toVsRange(range)));
  });
  return locations;
}

function occurrencesOf(session: Session, found: SymbolOccurrences): Range[] {
  return session.turns.flatMap((t) => (found.kind === 'goal' ? t.goals : t.codes).filter((x) => x.id === found.id).map((x) => x.idRange));
}

async function workspaceRename(workspace: SessionWorkspace, origin: vscode.Uri, found: SymbolOccurrences, newId: string): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  await forEachSession(workspace, origin, found, (analysis) => {
    for (const e of renameEdits(analysis.linted!.session, { kind: found.kind, id: found.id }, newId)) edit.replace(analysis.uri, toVsRange(e.range), e.newText);
  });
  return edit;
}
