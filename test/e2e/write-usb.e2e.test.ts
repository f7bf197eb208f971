import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openE2eSession, type E2eSession } from './browser';
import { exportOneClipThroughUi } from './ui-steps';

let session: E2eSession;
let scratch: string;

/** One case for both tests, exported through the UI. */
beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-usb-'));
  session = await openE2eSession();
  await exportOneClipThroughUi({ page: session.page, app: session.app, title: 'Theft at till 2' });
}, 240_000);

afterAll(async () => {
  await session?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Opens step 5 afresh (a reload forgets anything typed on it) and waits for it to be ready. */
async function openStep5(page: Page): Promise<void> {
  await page.reload();
  await page.getByRole('button', { name: /5 Write USB/ }).click();
  await page.getByRole('heading', { name: 'Write USB', level: 1 }).waitFor();
  await page.getByTestId('handover-export').waitFor();
}

async function chooseFolder(page: Page, folder: string): Promise<void> {
  await page.getByTestId('destination-path').fill(folder);
  await page.getByTestId('destination-check').click();
  await page.getByTestId('preflight-verdict').waitFor({ timeout: 30_000 });
}

describe('step 5: write the evidence to a USB stick through the real UI', () => {
  it('shows the failing check for a folder that does not exist, and keeps Write disabled', async () => {
    const { page } = session;
    await openStep5(page);
    expect(await page.getByTestId('handover-export').innerText()).toMatch(/^The export made on .+: \d+ files?, .+ in all\.$/);

    const missing = path.join(scratch, 'not-plugged-in');
    await chooseFolder(page, missing);
    expect(await page.getByTestId('preflight-verdict').getAttribute('data-ok')).toBe('false');
    const exists = page.locator('[data-testid="preflight-check"][data-check="exists"]');
    expect(await exists.getAttribute('data-ok')).toBe('false');
    expect(await exists.innerText()).toContain(`Handover cannot find ${missing}`);
    await page.getByTestId('password-full').waitFor();
    await page.getByTestId('password-confirmed').check();
    expect(await page.getByTestId('write-usb').isDisabled()).toBe(true);
    expect(await page.getByTestId('write-blockers').innerText()).toContain('Sort out the problems with the USB stick');
    expect(fs.existsSync(missing)).toBe(false);
    expect(session.pageErrors).toEqual([]);
  }, 60_000);

  it('writes, reads back and shows the fingerprints; the bundle on disk checks out and the password is gone', async () => {
    const { page, app } = session;
    await openStep5(page);

    // Who is handing over: asked once, with the initials suggested from the name.
    const form = page.getByTestId('producer-form');
    await form.getByLabel('Shop or business name').fill('Corner Shop Ltd');
    await form.getByLabel('Your name').fill('Jane Smith');
    await form.getByLabel('Phone or email the police can use').fill('07700 900123');
    expect(await form.getByLabel('Your initials').inputValue()).toBe('JS');
    await page.getByTestId('producer-save').click();
    await page.getByTestId('producer-summary').filter({ hasText: 'Jane Smith, Corner Shop Ltd' }).waitFor();

    // A fresh folder standing in for the USB stick: every check passes.
    const stick = fs.mkdtempSync(path.join(scratch, 'stick-'));
    await chooseFolder(page, stick);
    expect(await page.getByTestId('preflight-verdict').getAttribute('data-ok')).toBe('true');
    const checks = await page.getByTestId('preflight-check').evaluateAll((items) => items.map((item) => [item.getAttribute('data-check'), item.getAttribute('data-ok')]));
    expect(checks.length).toBeGreaterThanOrEqual(5);
    expect(checks.filter(([, ok]) => ok !== 'true')).toEqual([]);
    const bundleName = (await page.getByTestId('bundle-name').innerText()).trim();
    expect(bundleName).toMatch(/^HANDOVER_NO-REF_\d{8}-\d{4}$/);

    // The suggested password, in numbered words; not yet confirmed, so Write stays disabled.
    const password = (await page.getByTestId('password-full').innerText()).trim();
    expect(password).toMatch(/^[a-z]+(-[a-z]+){7,}$/);
    expect(await page.getByTestId('password-words').locator('li').count()).toBe(password.split('-').length);
    expect(await page.getByTestId('write-usb').isDisabled()).toBe(true);

    // "Print password slip": the slip is in the page only while printing, with the folder, the words and the warning.
    await page.evaluate(() => {
      const seen = window as unknown as { slipText?: string };
      window.print = () => {
        seen.slipText = document.querySelector('.print-slip')?.textContent ?? '';
        window.dispatchEvent(new Event('afterprint'));
      };
    });
    await page.getByTestId('print-slip').click();
    await page.waitForFunction(() => (window as unknown as { slipText?: string }).slipText !== undefined);
    const slipText = await page.evaluate(() => (window as unknown as { slipText: string }).slipText);
    expect(slipText).toContain(bundleName);
    expect(slipText).toContain(password.split('-')[0]!);
    expect(slipText).toContain('Give this to the police separately from the USB stick — by phone or in person. Never write it on the stick or its packaging.');
    await page.waitForFunction(() => document.querySelector('.print-slip') === null);

    await page.getByTestId('password-confirmed').check();
    expect(await page.getByTestId('write-usb').isEnabled()).toBe(true);

    // Notes whether the progress bar was on screen, and whether the password ever shows once it is done.
    await page.evaluate((secret) => {
      const seen = window as unknown as { sawProgress?: boolean; passwordAfterDone?: boolean };
      seen.sawProgress = false;
      seen.passwordAfterDone = false;
      const look = () => {
        if (document.querySelector('[data-testid="bundle-job"] [role="progressbar"]')) seen.sawProgress = true;
        if (document.querySelector('[data-testid="bundle-done"]') && document.body.innerHTML.includes(secret)) seen.passwordAfterDone = true;
      };
      new MutationObserver(look).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    }, password);
    await page.getByTestId('write-usb').click();
    await page.getByTestId('bundle-done').waitFor({ timeout: 180_000 });
    expect(await page.getByTestId('bundle-done').innerText()).toContain('Done. The evidence is on the USB stick and was read back to check it.');
    await page.getByTestId('bundle-done-name').filter({ hasText: bundleName }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);

    // The folder on the "stick" holds the four files; the zip's fingerprint checks out and 7-Zip opens it.
    const bundleDir = path.join(stick, bundleName);
    for (const file of ['READ-ME-FIRST.txt', 'evidence.zip', 'evidence.zip.sha256', 'OPEN-EVIDENCE.html']) expect(fs.existsSync(path.join(bundleDir, file)), file).toBe(true);
    expect(execFileSync('sha256sum', ['-c', 'evidence.zip.sha256'], { cwd: bundleDir, encoding: 'utf8' })).toContain('evidence.zip: OK');
    const tested = execFileSync('7z', ['t', `-p${password}`, 'evidence.zip'], { cwd: bundleDir, encoding: 'utf8' });
    expect(tested).toContain('Everything is Ok');

    // The details for the police show the fingerprint of the zip that is really there.
    const zipSha256 = crypto.createHash('sha256').update(fs.readFileSync(path.join(bundleDir, 'evidence.zip'))).digest('hex');
    await page.getByTestId('bundle-done').getByText('Details for the police').click();
    expect((await page.getByTestId('bundle-zip-sha256').innerText()).trim()).toBe(zipSha256);
    expect(await page.getByTestId('bundle-exhibit').count()).toBeGreaterThanOrEqual(1);
    const [stored] = app.core.services.bundles.list({ caseId: app.core.services.cases.list()[0]!.id });
    expect(stored).toMatchObject({ state: 'succeeded', bundleName, zipSha256 });

    // The password is never shown again, nor kept in the address or the browser's storage.
    const everything = await page.evaluate(() =>
      [
        document.documentElement.outerHTML,
        ...Array.from(document.querySelectorAll('input')).map((input) => input.value),
        window.location.href,
        JSON.stringify({ ...window.localStorage }),
        JSON.stringify({ ...window.sessionStorage }),
      ].join('\n'),
    );
    expect(everything).not.toContain(password);
    expect(await page.getByTestId('password-words').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { passwordAfterDone: boolean }).passwordAfterDone)).toBe(false);

    // Writing another copy puts this one in the list, where the stick can be checked again with the password.
    await page.getByTestId('bundle-another').click();
    const past = page.locator('[data-testid="past-bundle"][data-state="succeeded"]');
    await past.getByTestId('verify-password').fill(password);
    await past.getByTestId('verify-bundle').click();
    await past.getByTestId('verify-result').waitFor({ timeout: 120_000 });
    expect(await past.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
    expect(await past.getByTestId('verify-password').inputValue()).toBe('');
    expect(session.pageErrors).toEqual([]);
  }, 300_000);
});
