/** The exhibits as both papers list them, and lists of exhibit references in words. */
import type { BundleManifest } from '../../../src-shared/domain/bundle';
import { approxBytes, exactBytes, fileRefOf, KIND_WORDS } from './paper-format';
import type { ExhibitRow } from './paper-types';

export function exhibitRows(manifest: BundleManifest): ExhibitRow[] {
  return manifest.exhibits.map((exhibit) => ({
    id: exhibit.id,
    fileRef: fileRefOf(exhibit),
    kind: KIND_WORDS[exhibit.kind] + (exhibit.part ? ` (part ${exhibit.part.index} of ${exhibit.part.count})` : ''),
    description: exhibit.description + (exhibit.status === 'incomplete' ? ' (INCOMPLETE)' : ''),
    file: exhibit.file,
    size: exactBytes(exhibit.size),
    sizeApprox: approxBytes(exhibit.size),
    sha256: exhibit.sha256,
  }));
}

/** ["JS/1","JS/2","JS/3","JS/5"] → "JS/1 to JS/3, JS/5": runs of three or more are shortened. */
export function idList(ids: readonly string[]): string {
  const out: string[] = [];
  let run: { prefix: string; first: number; last: number; ids: string[] } | null = null;
  const flush = () => {
    if (run) out.push(...(run.ids.length >= 3 ? [`${run.ids[0]} to ${run.ids.at(-1)}`] : run.ids));
    run = null;
  };
  for (const id of ids) {
    const match = /^(.*)\/(\d+)$/.exec(id);
    if (!match) {
      flush();
      out.push(id);
      continue;
    }
    const prefix = match[1]!;
    const number = Number(match[2]);
    if (run && run.prefix === prefix && run.last + 1 === number) {
      run.last = number;
      run.ids.push(id);
      continue;
    }
    flush();
    run = { prefix, first: number, last: number, ids: [id] };
  }
  flush();
  return out.join(', ');
}
