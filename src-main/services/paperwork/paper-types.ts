/**
 * What the paperwork PDFs (issue 7) are made from. The caller gathers every fact; rendering reads no database and no
 * files other than the bundled fonts.
 */
import type { BundleManifest } from '../../../src-shared/domain/bundle';
import type { Officer, StatementDetails } from '../../../src-shared/domain/receipt';

export interface PaperCommon {
  manifest: BundleManifest;
  bundleName: string;
  zip: { name: string; bytes: number; sha256: string };
  generatedAt: Date;
  /** Zone to print times in for people (the PC's zone); true times also printed in UTC ISO. */
  timeZone: string;
  appVersion: string;
}

/** The USB stick as the OS describes it; any field may be unknown. */
export interface StickDescription {
  label: string | null;
  model: string | null;
  serial: string | null;
  sizeBytes: number | null;
  filesystem: string | null;
}

export interface ReceiptPdfInput extends PaperCommon {
  /** null: blank lines to fill in by hand. */
  stick: StickDescription | null;
  /** null: a blank "Date and time" line. */
  handedOverAt: Date | null;
  /** null: "[ ] yes  [ ] no" boxes to tick. */
  copyKept: boolean | null;
  /** null: blank signature block fields. */
  officer: Officer | null;
}

export interface StatementPdfInput extends PaperCommon {
  details: StatementDetails;
}

/** One exhibit as both papers list it. */
export interface ExhibitRow {
  id: string;
  fileRef: string;
  kind: string;
  description: string;
  file: string;
  /** "48,211,337 bytes" */
  size: string;
  /** "48.2 MB", or null under 1 kB. */
  sizeApprox: string | null;
  sha256: string;
}

/** The statement as a list of things to lay out, built without any PDF so its words can be tested on their own. */
export type StatementBlock =
  | { kind: 'title'; title: string; subtitle: string | null }
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; indent?: boolean }
  | { kind: 'hash'; label: string; value: string }
  | { kind: 'exhibits'; rows: ExhibitRow[] }
  | { kind: 'declaration'; text: string }
  /** Lines to sign or fill in by hand; a value prints on the line. */
  | { kind: 'signature'; lines: { label: string; value: string | null }[] }
  | { kind: 'note'; text: string }
  | { kind: 'appendix'; title: string; intro: string; entries: { label: string; commandLine: string }[] };

export interface StatementText {
  /** For the PDF's metadata. */
  title: string;
  blocks: StatementBlock[];
  /** Printed at the top of every page after the first. */
  continuation: string;
  /** True for the MG11: "Signature:" at the foot of every page. */
  signatureOnEveryPage: boolean;
}
