import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTerminalJobState } from '../../src-shared/domain/jobs';
import { openE2eSession, type E2eSession } from './browser';
import { addDahuaDemoFootage, createCase } from './ui-steps';

let session: E2eSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

function sha256Of(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file under a folder, relative to it; [] when the folder does not exist. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => fs.statSync(path.join(dir, name)).isFile());
}

/**
 * A case with demo footage added through the UI, and clips marked through the service to keep the test quick. Waits
 * for the background check, so the recordings' sizes (and so the estimate) are known, then opens step 2 by its link.
 */
async function caseWithClips(s: E2eSession, clip: { offsetMs: number; lengthMs: number; cameras: number }): Promise<{ caseId: string; exportsDir: string }> {
  const { page, app } = s;
  await page.goto(app.bridge.openUrl);
  await createCase(page, 'Theft at till 2');
  await addDahuaDemoFootage(page);

  const caseId = app.core.services.cases.list()[0]!.id;
  const timeline = app.core.services.review.timeline({ caseId });
  const startMs = timeline.startMs! + clip.offsetMs;
  const cameras = timeline.cameras.slice(0, clip.cameras).map((camera) => ({ sourceId: camera.sourceId, cameraKey: camera.cameraKey }));
  app.core.services.review.addClips({ caseId, cameras, startMs, endMs: startMs + clip.lengthMs, actor: 'test' });
  await expect
    .poll(() => app.core.services.jobs.list().some((job) => job.kind === 'catalogue.check' && !isTerminalJobState(job.state)), { timeout: 60_000 })
    .toBe(false);

  await page.getByRole('button', { name: /2 Export/ }).click();
  await page.getByRole('heading', { name: 'Export', level: 1 }).waitFor();
  return { caseId, exportsDir: path.join(s.dataDir, 'cases', caseId, 'exports') };
}

describe('step 2: export through the real UI', () => {
  it('shows the clip and an estimate, exports at "Balanced" with a progress bar, and lists every file with its fingerprint', async () => {
    session = await openE2eSession();
    const { page, app } = session;
    const { caseId, exportsDir } = await caseWithClips(session, { offsetMs: 150_000, lengthMs: 20_000, cameras: 1 });
    const [clip] = app.core.services.review.state({ caseId }).clips;

    // What will be exported: the one clip, on its camera, with the date.
    await page.getByTestId('export-clip').first().waitFor();
    expect(await page.getByTestId('export-clip').count()).toBe(1);
    const clipText = await page.getByTestId('export-clip').innerText();
    expect(clipText).toContain(clip!.cameraLabel);
    expect(clipText).toMatch(/\d{1,2} \w{3,4} \d{4} \d\d:\d\d:\d\d to \d\d:\d\d:\d\d/);
    expect(clipText).toContain('20 s');
    await page.getByTestId('export-estimate-total').filter({ hasText: /About .*(MB|kB|GB) in all/ }).waitFor({ timeout: 30_000 });

    await page.getByTestId('preset-balanced').check();
    expect(await page.getByTestId('preset-balanced').isChecked()).toBe(true);
    // Notes whether the job card with its progress bar was ever on screen: a short export may end between two polls.
    await page.evaluate(() => {
      const seen = window as unknown as { sawExportProgress?: boolean };
      seen.sawExportProgress = false;
      const look = () => {
        if (document.querySelector('[data-testid="export-job"] [role="progressbar"]')) seen.sawExportProgress = true;
      };
      new MutationObserver(look).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-results').waitFor({ timeout: 120_000 });
    expect(await page.evaluate(() => (window as unknown as { sawExportProgress?: boolean }).sawExportProgress)).toBe(true);

    const [summary] = app.core.services.exports.list({ caseId });
    expect(summary).toMatchObject({ state: 'succeeded', options: { preset: 'balanced', caption: false, enhancement: null } });
    const outputs = summary!.outputs;
    const masters = outputs.filter((output) => output.kind === 'master');
    const working = outputs.filter((output) => output.kind === 'working');
    expect(masters.length).toBeGreaterThanOrEqual(1);
    expect(working).toHaveLength(1);

    // The screen lists every file, and the fingerprints it shows are the ones recorded.
    const rows = page.getByTestId('export-output');
    expect(await rows.count()).toBe(outputs.length);
    expect(await page.locator('[data-testid="export-output"][data-kind="master"]').count()).toBe(masters.length);
    expect(await page.locator('[data-testid="export-output"][data-kind="working"]').count()).toBe(1);
    const shown = (await page.getByTestId('export-output-sha256').allTextContents()).map((text) => text.trim());
    expect(shown).toEqual(outputs.map((output) => output.sha256));
    const summaryText = await page.getByTestId('export-results-summary').innerText();
    expect(summaryText).toContain(`${masters.length} original recording`);
    expect(summaryText).toContain('1 working copy');

    // Opening "Details" shows the fingerprint under its name, and the command line for a working copy.
    const workingRow = page.locator('[data-testid="export-output"][data-kind="working"]');
    await workingRow.getByText('Details').click();
    await workingRow.getByText('Fingerprint (SHA-256)').waitFor();
    expect(await workingRow.getByTestId('export-output-sha256').innerText()).toBe(working[0]!.sha256);
    if (working[0]!.processing.length > 0) expect(await workingRow.getByTestId('export-output-command').first().innerText()).toContain('ffmpeg');

    // Each file on disk hashes to what the screen shows; a byte-for-byte master also to its source's hash.
    const folder = path.join(exportsDir, summary!.id);
    for (const output of outputs) {
      const file = path.join(folder, ...output.path.split('/'));
      expect(fs.existsSync(file), output.path).toBe(true);
      expect(sha256Of(file), output.path).toBe(output.sha256);
      expect(fs.statSync(file).size).toBe(output.size);
      if (output.kind === 'master' && output.method === 'copy') expect(output.sourceSha256).toBe(output.sha256);
    }
    expect(session.pageErrors).toEqual([]);
  }, 240_000);

  it('cancels an export at once: says so, and leaves no files behind', async () => {
    session = await openE2eSession();
    const { page, app } = session;
    // Long clips on every camera with the caption burnt in: a re-encode that cannot finish before Cancel is pressed.
    const { caseId, exportsDir } = await caseWithClips(session, { offsetMs: 60_000, lengthMs: 8 * 60_000, cameras: 4 });
    await page.getByTestId('export-clip').nth(3).waitFor();

    await page.getByText('More options').click();
    await page.getByTestId('export-caption').check();
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-job').getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Export cancelled. Nothing was kept.').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Export again' }).waitFor();

    const [summary] = app.core.services.exports.list({ caseId });
    expect(summary).toMatchObject({ state: 'cancelled', outputs: [] });
    expect(fs.existsSync(path.join(exportsDir, summary!.id))).toBe(false);
    expect(filesUnder(exportsDir)).toEqual([]);
    expect(await page.getByTestId('export-results').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  }, 240_000);
});
