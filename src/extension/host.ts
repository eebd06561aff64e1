import * as vscode from 'vscode';
import type { FileHost } from '../core';
import { mediaHostParts } from './mediaHost';

/**
 * File access for the core through VS Code's file system, so it works wherever VS Code reads files.
 * Config, codebook and pii files above `maxFileSize()` bytes (sessionMarkdown.maxFileSize) are refused.
 */
export function createVscodeHost(extensionUri: vscode.Uri, maxFileSize: () => number): FileHost {
  const decoder = new TextDecoder('utf-8');
  return {
    ...mediaHostParts(),
    builtinCodebookDir: vscode.Uri.joinPath(extensionUri, 'codebooks').fsPath,
    get maxFileSize() {
      return { bytes: maxFileSize(), setting: 'sessionMarkdown.maxFileSize' };
    },
    async readFile(path) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
      if (open) return open.getText();
      try {
        // As VS Code reads a document: its decoder removes the byte order mark, its text buffer one more (see `stripBom`).
        return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path))).replace(/^\uFEFF/, '');
      } catch (error) {
        throw Object.assign(new Error(error instanceof Error ? error.message : String(error)), { code: fileErrorCode(error) });
      }
    },
    async readBytes(path) {
      try {
        return await vscode.workspace.fs.readFile(vscode.Uri.file(path));
      } catch (error) {
        throw Object.assign(new Error(error instanceof Error ? error.message : String(error)), { code: fileErrorCode(error) });
      }
    },
    async stat(path) {
      try {
        const stat = await vscode.workspace.fs.stat(vscode.Uri.file(path));
        const isFile = (stat.type & vscode.FileType.File) !== 0;
        const isDirectory = (stat.type & vscode.FileType.Directory) !== 0;
        // VS Code tells FIFOs, devices and sockets apart from files only as "unknown".
        return { isFile, isDirectory, size: stat.size, ...(isFile || isDirectory ? {} : { special: 'a FIFO, a device or a socket' }) };
      } catch {
        return undefined;
      }
    },
  };
}

// The core describes read errors by Node's codes; VS Code's FileSystemError names them differently.
function fileErrorCode(error: unknown): string | undefined {
  if (!(error instanceof vscode.FileSystemError)) return undefined;
  switch (error.code) {
    case 'FileNotFound':
      return 'ENOENT';
    case 'NoPermissions':
      return 'EACCES';
    case 'FileIsADirectory':
      return 'EISDIR';
    default:
      return undefined;
  }
}
