/**
 * The producer statement (A4): the blocks from statement-text.ts laid out as a witness statement. The UK declaration
 * states how many pages the statement has, so it is laid out again until the number printed is the number made.
 */
import { PDFDocument } from 'pdf-lib';
import { drawExhibitTable, drawHash, drawSignatureLine } from './paper-blocks';
import { embedPaperFonts } from './fonts';
import type { StatementBlock, StatementPdfInput, StatementText } from './paper-types';
import { FlowWriter, GREY, LIGHT } from './pdf-layout';
import { statementText } from './statement-text';

const MAX_LAYOUTS = 4;

function drawBlock(writer: FlowWriter, block: StatementBlock): void {
  switch (block.kind) {
    case 'title':
      writer.paragraph(block.title, { font: 'bold', size: 16, align: 'center', after: 3 });
      if (block.subtitle) writer.paragraph(block.subtitle, { size: 8.5, align: 'center', color: GREY, after: 8 });
      writer.rule();
      writer.space(8);
      return;
    case 'fields':
      writer.fields(block.fields, { labelWidth: 140 });
      writer.space(4);
      return;
    case 'heading':
      writer.heading(block.text, 11.5);
      return;
    case 'paragraph':
      writer.paragraph(block.text, { size: 10, indent: block.indent ? 16 : 0, after: 5 });
      return;
    case 'hash':
      drawHash(writer, block.label, block.value);
      return;
    case 'exhibits':
      drawExhibitTable(writer, block.rows);
      return;
    case 'declaration':
      writer.ensure(60);
      writer.space(4);
      writer.rule(GREY);
      writer.space(6);
      writer.paragraph(block.text, { font: 'bold', size: 9.5, after: 6 });
      return;
    case 'signature': {
      for (const line of block.lines) {
        const extra = line.value === null ? 10 : 0;
        const height = drawSignatureLine(writer, { x: writer.left, top: 0, width: 330, label: line.label, value: line.value, labelWidth: 120, size: 10, draw: false });
        writer.ensure(height + extra);
        writer.space(extra);
        writer.space(drawSignatureLine(writer, { x: writer.left, top: writer.y, width: 330, label: line.label, value: line.value, labelWidth: 120, size: 10 }));
      }
      writer.space(4);
      writer.rule(GREY);
      writer.space(6);
      return;
    }
    case 'note':
      writer.ensure(40);
      writer.space(6);
      writer.paragraph(`Note: ${block.text}`, { size: 9, color: GREY, after: 6 });
      return;
    case 'appendix':
      writer.newPage();
      writer.heading(block.title, 12);
      writer.paragraph(block.intro, { size: 9, after: 8 });
      for (const entry of block.entries) {
        writer.ensure(40);
        writer.paragraph(entry.label, { font: 'bold', size: 8.5, after: 2 });
        writer.paragraph(entry.commandLine, { font: 'mono', size: 6.5, indent: 10, after: 8 });
      }
      return;
  }
}

async function layout(input: StatementPdfInput, text: StatementText): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const fonts = await embedPaperFonts(doc);
  const writer = new FlowWriter(doc, fonts, (w) => {
    if (w.pages.length === 1) return;
    w.drawLine(text.continuation, w.left, w.y, { size: 8.5, color: GREY });
    w.space(14);
    w.rule(LIGHT);
    w.space(8);
  });
  writer.newPage();
  for (const block of text.blocks) drawBlock(writer, block);
  writer.finish(({ number, count }, w) => {
    const pageText = `Page ${number} of ${count}`;
    const size = 9;
    if (text.signatureOnEveryPage) drawSignatureLine(w, { x: w.left, top: 44, width: 260, label: 'Signature:', value: null, labelWidth: 62, size });
    w.drawLine(pageText, w.left + w.width - w.measure(pageText, { size }), 44, { size });
  });
  doc.setTitle(text.title);
  doc.setAuthor(input.manifest.producer.person);
  doc.setSubject(`CCTV evidence, ${input.bundleName}`);
  doc.setCreator(`Handover ${input.appVersion}`);
  doc.setProducer('Handover (pdf-lib)');
  doc.setCreationDate(input.generatedAt);
  doc.setModificationDate(input.generatedAt);
  return doc;
}

export async function renderStatementPdf(input: StatementPdfInput): Promise<Uint8Array> {
  let pageCount = 1;
  let doc = await layout(input, statementText(input, pageCount));
  for (let attempt = 1; attempt < MAX_LAYOUTS && doc.getPageCount() !== pageCount; attempt += 1) {
    pageCount = doc.getPageCount();
    doc = await layout(input, statementText(input, pageCount));
  }
  return doc.save();
}
