import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderDriveSource } from '../helpers/folder-drives';
import { openE2eSession, type E2eSession } from './browser';
import { exportOneClipThroughUi } from './ui-steps';

let session: E2eSession;
let scratch: string;
let stick: string;
let drives: ReturnType<typeof createFolderDriveSource>;

/** A stick "plugged in" only after step 5 is open, to see the list pick it up by itself. */
beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-receipt-'));
  stick = path.join(scratch, 'KINGSTON');
  fs.mkdirSync(stick);
  drives = createFolderDriveSource([]);
  session = await openE2eSession({ driveSource: drives });
  await exportOneClipThroughUi({ page: session.page, app: session.app, title: 'Theft at till 3' });
}, 240_000);

afterAll(async () => {
  await session?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('steps 5 and 6 through the real UI: a stick from the list, the receipt, the record of receipt', () => {
  it('writes to a stick picked from the list, ejects it, prints the receipt and records who received it', async () => {
    const { page, app } = session;
    await page.getByRole('button', { name: /5 Write USB/ }).click();
    await page.getByRole('heading', { name: 'Write USB', level: 1 }).waitFor();
    const form = page.getByTestId('producer-form');
    await form.getByLabel('Shop or business name').fill('Corner Shop Ltd');
    await form.getByLabel('Your name').fill('Jane Smith');
    await form.getByLabel('Phone or email the police can use').fill('07700 900123');
    await page.getByTestId('producer-save').click();

    // No stick yet; one is plugged in and shows up without any click.
    await page.getByTestId('drive-none').waitFor();
    drives.plugIn({ folder: stick, label: 'KINGSTON', serial: 'SERIAL-E2E-0042' });
    await page.getByTestId('drive-choice').filter({ hasText: 'Use KINGSTON' }).click({ timeout: 15_000 });
    await page.getByTestId('preflight-verdict').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('preflight-verdict').getAttribute('data-ok')).toBe('true');
    expect((await page.getByTestId('destination-path-shown').innerText()).trim()).toBe(stick);

    await page.getByTestId('password-confirmed').check();
    await page.getByTestId('write-usb').click();
    await page.getByTestId('bundle-done').waitFor({ timeout: 180_000 });
    await page.getByTestId('eject-message').filter({ hasText: 'You can now remove the USB stick.' }).waitFor({ timeout: 30_000 });
    expect(drives.ejected).toHaveLength(1);

    // The receipt: a PDF kept with the case, opened from its link, naming the stick and the zip's fingerprint.
    await page.getByTestId('paper-receipt').click();
    const link = page.getByTestId('paper-link').first();
    await link.waitFor({ timeout: 30_000 });
    const response = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).toString());
    expect(response.headers()['content-type']).toBe('application/pdf');
    const pdf = path.join(scratch, 'receipt.pdf');
    fs.writeFileSync(pdf, await response.body());
    const caseId = app.core.services.cases.list()[0]!.id;
    const [bundle] = app.core.services.bundles.list({ caseId });
    if (spawnSync('pdftotext', ['-v']).error === undefined) {
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain(bundle!.zipSha256!);
      expect(text).toContain('SERIAL-E2E-0042');
    }

    // Step 6: who received it; then a photo of the signed receipt.
    await page.getByRole('button', { name: /6 Confirm receipt/ }).click();
    await page.getByRole('heading', { name: 'Confirm receipt', level: 1 }).waitFor();
    await page.getByTestId('receipt-record').click();
    expect(await page.getByTestId('receipt-form').innerText()).toContain("Please give the officer's name.");
    await page.getByTestId('receipt-name').fill('Sam Patel');
    await page.getByTestId('receipt-rank').fill('PC');
    await page.getByTestId('receipt-badge').fill('1234');
    await page.getByTestId('receipt-force').fill('Metropolitan Police');
    await page.getByTestId('receipt-station').fill('Brixton');
    await page.getByTestId('receipt-confirmation').fill('Received one USB stick in bag MP-0042.');
    await page.getByTestId('receipt-record').click();
    const summary = page.getByTestId('receipt-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Handed over in person on .+ to PC 1234 Sam Patel, Metropolitan Police \(Brixton\)\./);

    const photo = path.join(scratch, 'signed.png');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', photo]);
    await page.getByTestId('receipt-scan-path').fill(photo);
    await page.getByTestId('receipt-add-scan').click();
    const sha256 = crypto.createHash('sha256').update(fs.readFileSync(photo)).digest('hex');
    await page.getByTestId('receipt-scan-sha256').filter({ hasText: sha256 }).waitFor();

    const actions = app.core.services.custody.list({ caseId }).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['bundle.ejected', 'paper.made', 'receipt.recorded', 'receipt.scanAdded']));
    expect(app.core.services.cases.get({ caseId }).steps.find((step) => step.id === 'receipt')?.state).toBe('done');
    expect(session.pageErrors).toEqual([]);
  }, 300_000);
});
