// REFI-QDA exchange (.qdpx projects and .qdc codebooks) with NVivo, ATLAS.ti, MAXQDA and QualCoder.
import { parseRoleMap } from '../import';
import { projectCodes } from './codeTree';
import { projectOf, type ProjectInput } from './fromSessions';
import { SESSION_MD_ORIGIN } from './model';
import { projectBack, type ProjectBack, type ProjectReadOptions } from './toSessions';
import { normalGuid, readProjectXml } from './xmlRead';
import { codebookXml, projectXml, sourceEntryName } from './xmlWrite';
import { packQdpx, QdpxError, unpackQdpx } from './zip';

export { QdpxError } from './zip';
export type { ProjectInput } from './fromSessions';
export type { ProjectBack, ProjectReadOptions, SessionBack } from './toSessions';

/** The .qdpx bytes of the sessions, as a project named `name`: the same sessions give the same bytes. */
export function exportQdpx(inputs: readonly ProjectInput[], name: string): Uint8Array {
  const project = projectOf(inputs, name);
  return packQdpx(projectXml(project), new Map(project.sources.map((s) => [sourceEntryName(s.guid), s.text])));
}

/** The text of project.qde alone, for tests and checks. */
export function exportProjectXml(inputs: readonly ProjectInput[], name: string): string {
  return projectXml(projectOf(inputs, name));
}

/** The REFI-QDA codebook (.qdc) of the codes the sessions' codebooks define and the sessions use; undefined when there is no code at all. */
export function exportQdc(inputs: readonly ProjectInput[]): string | undefined {
  const codebooks = [...new Set(inputs.flatMap((input) => (input.codebook ? [input.codebook] : [])))];
  const { codes, sets } = projectCodes(
    codebooks,
    inputs.flatMap((input) => input.session.turns.flatMap((turn) => turn.codes.map((c) => c.id))),
  );
  return codes.length === 0 ? undefined : codebookXml({ codes, sets, origin: SESSION_MD_ORIGIN });
}

/** Reads a .qdpx back into sessions and a codebook, with the roles of `roleMap` (`"Dr Rivera=therapist"`, as import's --role-map); a file that is no readable project throws a QdpxError saying where. */
export function importQdpx(bytes: Uint8Array, options: Omit<ProjectReadOptions, 'roles'> & { roleMap?: string }): ProjectBack {
  const entries = unpackQdpx(bytes);
  const { project, skipped, paths } = readProjectXml(utf8(entries.get('project.qde')!, 'project.qde'));
  const texts = new Map<string, string>();
  for (const source of project.sources) {
    const path = paths.get(source.guid);
    if (path === undefined) {
      texts.set(normalGuid(source.guid), source.text);
      continue;
    }
    const internal = /^internal:\/\/([^/\\]+)$/i.exec(path.trim());
    const entry = internal ? `sources/${internal[1]}` : undefined;
    const bytesOf = entry === undefined ? undefined : entries.get(entry);
    if (bytesOf !== undefined) texts.set(normalGuid(source.guid), utf8(bytesOf, entry!));
  }
  const { roleMap, ...rest } = options;
  const back = projectBack(project, texts, { ...rest, roles: parseRoleMap(roleMap) });
  for (const [kind, count] of skipped)
    back.warnings.push(`${count} ${kind} element(s) are not imported (session-md reads plain-text sources, their codings, notes, variables and cases)`);
  return back;
}

function utf8(bytes: Uint8Array, entry: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    throw new QdpxError('it is not UTF-8 text', { entry });
  }
}
