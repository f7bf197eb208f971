import type { LocalDateTime } from '../../../../src-shared/domain/local-time';

export const LAYOUT_IDS = [
  'dahua-sd',
  'dahua-usb',
  'hikvision-usb',
  'reolink-sd',
  'reolink-ftp',
  'frigate',
  'generic',
] as const;

export type LayoutId = (typeof LAYOUT_IDS)[number];
export type RecordingEventKind = 'regular' | 'motion' | 'alarm';
export type RecordingStream = 'main' | 'sub';

/** What a recorder's file path says about the recording inside it, before the file is opened. */
export interface ParsedRecordingPath {
  layout: LayoutId;
  /** Stable id within the source, e.g. 'ch01' or the folder name. */
  cameraKey: string;
  /** For display, e.g. 'Camera 1' or 'front-door'. */
  cameraLabel: string;
  /** Recorder wall clock (or UTC when clock === 'utc'); null when the name has no time. */
  start: LocalDateTime | null;
  /** Null when the name carries only the start. Never earlier than start. */
  end: LocalDateTime | null;
  clock: 'local' | 'utc';
  /** Reolink 'DST' marker: true when present, false when the layout has the field and it is absent, null otherwise. */
  dstHint: boolean | null;
  eventKind: RecordingEventKind | null;
  stream: RecordingStream | null;
  /** The recorder was still writing the file (Dahua's trailing '_'). */
  partial: boolean;
  /** Lower-case, without the dot and without the trailing '_' of partial files. */
  extension: string;
  /** Plain-language notes for the operator, e.g. 'zero-length recording'. */
  warnings: string[];
}

export interface FormatRecordingPathInput {
  /** 1-based channel number. */
  cameraIndex: number;
  cameraName: string;
  start: LocalDateTime;
  end: LocalDateTime;
  /** Only layouts that encode an event kind use it. */
  eventKind?: RecordingEventKind;
  /** Only used where the layout allows more than one container; ignored otherwise. */
  extension?: string;
}

export interface LayoutParser {
  id: LayoutId;
  // Function properties rather than methods: parsers hold no state, so `parse` may be passed around unbound.
  /** relPath uses '/' separators. Returns null when the path is not this layout. Never throws. */
  parse: (relPath: string) => ParsedRecordingPath | null;
  /** Inverse of parse, for generating demo footage; returns a relPath that parse() reads back. */
  format: (input: FormatRecordingPathInput) => string;
}
