/**
 * The handover receipt (A4): what was handed over, on which stick, with which fingerprints, and signature blocks for
 * the producer and the receiving officer. The whole receipt is printed twice, as the PRODUCER COPY and the POLICE
 * COPY, each numbered on its own.
 */
import { PDFDocument, rgb } from 'pdf-lib';
import { drawExhibitTable, drawHash, drawSignatureLine } from './paper-blocks';
import { exhibitRows, idList } from './exhibit-rows';
import { embedPaperFonts } from './fonts';
import {
  cameraFootage,
  clockOffsetText,
  crimeReference,
  fileRefOf,
  formatBytes,
  formatDateTime,
  formatPeriod,
  utcPeriod,
} from './paper-format';
import type { ReceiptPdfInput } from './paper-types';
import { FlowWriter, GREY, type Run } from './pdf-layout';
import { drawQr, receiptQrText } from './qr';

export const RECEIPT_COPIES = ['PRODUCER COPY', 'POLICE COPY'] as const;

const QR_SIZE = 96;

function drawBanner(writer: FlowWriter, input: ReceiptPdfInput): void {
  const label = writer.section;
  const size = 11;
  const width = writer.measure(label, { font: 'bold', size }) + 16;
  const x = writer.left + writer.width - width;
  // White on black, so which copy this is shows from across a desk.
  writer.page.drawRectangle({ x, y: writer.top - size - 8, width, height: size + 10, color: rgb(0, 0, 0) });
  writer.drawLine(label, x + 8, writer.top - 2, { font: 'bold', size, color: rgb(1, 1, 1) });
  if (writer.pages.filter((page) => page.section === label).length > 1) {
    writer.drawLine(`Handover receipt, crime reference ${crimeReference(input.manifest)} (continued)`, writer.left, writer.top, { size: 8, color: GREY });
  }
  writer.space(size + 18);
}

function caseAndProducer(writer: FlowWriter, input: ReceiptPdfInput): void {
  const { manifest } = input;
  const first = manifest.exhibits[0];
  writer.heading('Case');
  writer.fields([
    { label: 'Crime reference:', value: crimeReference(manifest) },
    { label: 'Exhibits:', value: manifest.exhibits.length > 0 ? idList(manifest.exhibits.map((exhibit) => exhibit.id)) : 'none' },
    { label: 'References in file names:', value: first ? `"/" is written "_": ${first.id} is ${fileRefOf(first)} in file names.` : '"/" is written "_".' },
  ]);
  writer.heading('Producer (handing over)');
  writer.fields([
    { label: 'Business:', value: manifest.producer.organisation },
    { label: 'Person:', value: manifest.producer.person },
    { label: 'Contact:', value: manifest.producer.contact },
  ]);
  drawHash(writer, "Producer's certificate, SHA-256 fingerprint (it signed the list of exhibits inside evidence.zip):", manifest.producer.certificateFingerprintSha256);
}

function stickSection(writer: FlowWriter, input: ReceiptPdfInput): void {
  const { stick } = input;
  writer.heading('The USB stick');
  writer.fields([
    { label: 'Make and model:', value: stick ? stick.model ?? 'not reported by the computer' : null },
    { label: 'Serial number:', value: stick ? stick.serial ?? 'not reported by the computer' : null },
    { label: 'Label:', value: stick ? stick.label ?? 'none' : null },
    { label: 'Size:', value: stick ? (stick.sizeBytes === null ? 'not known' : formatBytes(stick.sizeBytes)) : null },
    { label: 'Filesystem:', value: stick ? stick.filesystem ?? 'not known' : null },
  ]);
}

function bundleSection(writer: FlowWriter, input: ReceiptPdfInput): void {
  writer.heading('The evidence on it');
  writer.ensure(QR_SIZE + 80);
  const top = writer.y;
  const qrLeft = writer.left + writer.width - QR_SIZE;
  drawQr(writer.page, { text: receiptQrText({ zipSha256: input.zip.sha256, zipName: input.zip.name, bundleName: input.bundleName }), left: qrLeft, top, size: QR_SIZE });
  const caption = `QR code: SHA-256 of ${input.zip.name}`;
  writer.drawLine(caption, writer.left + writer.width - writer.measure(caption, { size: 6.5 }), top - QR_SIZE - 4, { size: 6.5, color: GREY });
  const width = writer.width - QR_SIZE - 16;
  writer.fields(
    [
      { label: 'Folder:', value: input.bundleName },
      { label: 'Encrypted file:', value: input.zip.name },
      { label: 'Size:', value: formatBytes(input.zip.bytes) },
      { label: 'SHA-256:', value: input.zip.sha256, font: 'mono', size: 7.2 },
      { label: 'Made with:', value: `${input.manifest.software.name} ${input.manifest.software.version}` },
      { label: 'Password:', value: 'Not on the stick and not on this receipt; given to the police separately.' },
      { label: 'Check with:', value: `certutil -hashfile ${input.zip.name} SHA256 (Windows), shasum -a 256 ${input.zip.name} (Mac, Linux)`, size: 8 },
    ],
    { labelWidth: 92, width },
  );
  writer.y = Math.min(writer.y, top - QR_SIZE - 16);
}

function camerasSection(writer: FlowWriter, input: ReceiptPdfInput): void {
  const footage = cameraFootage(input.manifest);
  writer.heading('Cameras and footage (true time)');
  writer.paragraph(
    `True time is the recorder's time corrected for its clock error. Times are in ${input.timeZone}, with UTC beneath.`,
    { size: 8.5, color: GREY, after: 4 },
  );
  if (footage.length === 0) {
    writer.paragraph('No footage with times is in this bundle.', { size: 9 });
    return;
  }
  const rows = footage.map((camera): Run[][] => [
    [{ text: camera.camera, font: 'bold', size: 8.5 }],
    [
      { text: formatPeriod({ startMs: camera.startMs, endMs: camera.endMs, timeZone: input.timeZone }), size: 8 },
      { text: `UTC ${utcPeriod(camera)}`, size: 7, color: GREY },
    ],
    camera.recorder
      ? [
          { text: `${camera.recorder.label} (${camera.recorder.timeZone})`, size: 7.5 },
          { text: clockOffsetText(camera.recorder), size: 7.5 },
        ]
      : [{ text: 'Recorder not known', size: 7.5 }],
  ]);
  writer.table(
    [
      { header: 'Camera', width: 80 },
      { header: 'Footage period', width: 210 },
      { header: "Recorder and its clock", width: 215 },
    ],
    rows,
  );
}

function handoverSection(writer: FlowWriter, input: ReceiptPdfInput): void {
  writer.heading('Handover');
  const kept = input.copyKept === null ? '[ ] yes   [ ] no' : input.copyKept ? '[X] yes   [ ] no' : '[ ] yes   [X] no';
  writer.fields(
    [
      { label: 'Date and time:', value: input.handedOverAt ? `${formatDateTime(input.handedOverAt.getTime(), input.timeZone)} (${input.handedOverAt.toISOString().replace('.000Z', 'Z')})` : null },
      { label: 'Producer kept a copy:', value: kept },
    ],
    { labelWidth: 150 },
  );
}

function signatureBlocks(writer: FlowWriter, input: ReceiptPdfInput): void {
  const { officer, manifest } = input;
  const gap = 20;
  const columnWidth = (writer.width - gap) / 2;
  const producer = [
    { label: 'Name:', value: manifest.producer.person },
    { label: 'Business:', value: manifest.producer.organisation },
    { label: 'Signature:', value: null },
    { label: 'Date:', value: null },
  ];
  const police = [
    { label: 'Name:', value: officer?.name ?? null },
    { label: 'Rank:', value: officer?.rank ?? null },
    { label: 'Collar/badge no.:', value: officer?.badgeNumber ?? null },
    { label: 'Force/agency:', value: officer?.force ?? null },
    { label: 'Station:', value: officer?.station ?? null },
    { label: 'Signature:', value: null },
    { label: 'Date:', value: null },
  ];
  const column = (rows: typeof police, x: number, draw: boolean) => {
    let top = writer.y - 18;
    for (const row of rows) {
      if (row.label === 'Signature:') top -= 12;
      top -= drawSignatureLine(writer, { x, top, width: columnWidth, label: row.label, value: row.value, draw });
    }
    return writer.y - top;
  };
  const height = Math.max(column(producer, writer.left, false), column(police, writer.left, false));
  writer.ensure(height + 40);
  writer.heading('Signatures');
  writer.drawLine('Producer, handing over', writer.left, writer.y, { font: 'bold', size: 9.5 });
  writer.drawLine('Receiving officer', writer.left + columnWidth + gap, writer.y, { font: 'bold', size: 9.5 });
  column(producer, writer.left, true);
  column(police, writer.left + columnWidth + gap, true);
  writer.space(height);
}

function drawCopy(writer: FlowWriter, input: ReceiptPdfInput, copy: string): void {
  writer.startSection(copy);
  writer.paragraph('RECEIPT FOR CCTV EVIDENCE ON A USB STICK', { font: 'bold', size: 15, after: 4 });
  writer.paragraph(`Both people sign both copies. The producer keeps the PRODUCER COPY; the police keep the POLICE COPY. This is the ${copy}.`, {
    size: 8.5,
    color: GREY,
  });
  caseAndProducer(writer, input);
  stickSection(writer, input);
  bundleSection(writer, input);
  camerasSection(writer, input);
  writer.heading('Exhibits', 12, 90);
  drawExhibitTable(writer, exhibitRows(input.manifest));
  handoverSection(writer, input);
  signatureBlocks(writer, input);
}

export async function renderReceiptPdf(input: ReceiptPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = await embedPaperFonts(doc);
  const writer = new FlowWriter(doc, fonts, (w) => drawBanner(w, input));
  for (const copy of RECEIPT_COPIES) drawCopy(writer, input, copy);
  const made = `Made by Handover ${input.appVersion} on ${formatDateTime(input.generatedAt.getTime(), input.timeZone)} · ${input.bundleName}`;
  writer.finish(({ number, count, section }, w) => {
    const footer = `Page ${number} of ${count} — ${section}`;
    w.drawLine(footer, w.left + (w.width - w.measure(footer, { font: 'bold', size: 9 })) / 2, 48, { font: 'bold', size: 9 });
    w.drawLine(made, w.left, 34, { size: 6.5, color: GREY });
  });
  doc.setTitle(`Handover receipt, crime reference ${crimeReference(input.manifest)}`);
  doc.setAuthor(input.manifest.producer.person);
  doc.setCreator(`Handover ${input.appVersion}`);
  doc.setProducer('Handover (pdf-lib)');
  doc.setCreationDate(input.generatedAt);
  doc.setModificationDate(input.generatedAt);
  return doc.save();
}
