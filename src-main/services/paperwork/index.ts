/**
 * The paperwork that goes with the stick (issue 7): the handover receipt and the producer statement, as PDF bytes.
 * Pure rendering: the caller gathers every fact (manifest, zip, stick, officer, the producer's details).
 */
export { renderReceiptPdf, RECEIPT_COPIES } from './receipt-pdf';
export { renderStatementPdf } from './statement-pdf';
export { statementText, ukTruthDeclaration, US_DECLARATION, GENERIC_DECLARATION, VIDEO_WITNESS_STATEMENT_NOTE } from './statement-text';
export { receiptQrText } from './qr';
export type { PaperCommon, ReceiptPdfInput, StatementPdfInput, StickDescription, StatementText, StatementBlock, ExhibitRow } from './paper-types';
