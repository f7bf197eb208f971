import { afterEach, describe, expect, it } from 'vitest';
import { openE2eSession, type E2eSession } from './browser';
import { createCase } from './ui-steps';

let session: E2eSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const recorderShowsLabel = /What time did the recorder.s clock show\?/;
const actualTimeLabel = 'What time was it really?';

describe('step 1: footage folders through the real UI', () => {
  it('adds demo footage, lists its cameras and gaps, answers the clock question, and keeps it all after a reload', async () => {
    session = await openE2eSession();
    const { page, app } = session;
    await page.goto(app.bridge.openUrl);
    await createCase(page, 'Theft at till 2');

    // Demo footage, made and read as one job with a progress bar.
    await page.getByLabel('Recorder make').selectOption({ label: 'Dahua' });
    await page.getByRole('button', { name: 'Try with demo footage' }).click();
    await page.getByTestId('footage-job').getByRole('progressbar').waitFor();
    await page.getByTestId('footage-job-done').waitFor({ timeout: 100_000 });

    // What SQLite holds is what the screen must show.
    const caseId = app.core.services.cases.list()[0]!.id;
    const [source] = app.core.services.catalogue.listSources({ caseId });
    expect(source).toBeDefined();
    const overview = app.core.services.catalogue.overview({ sourceId: source!.id });
    expect(overview.cameras).toHaveLength(4);

    const folder = page.getByTestId('footage-folder');
    await folder.getByText(source!.label, { exact: true }).waitFor();
    expect(await folder.getByTestId('folder-recordings').innerText()).toBe(`${source!.fileCount} recordings`);
    await page.getByTestId('camera-row').nth(3).waitFor();
    expect(await page.getByTestId('camera-name').allInnerTexts()).toEqual(overview.cameras.map((camera) => camera.label));

    // Coverage: the demo leaves out one file of the second camera, so its bar has two filled stretches and a gap.
    const bars = page.getByTestId('coverage-bar');
    expect(await bars.count()).toBe(4);
    const fillsPerBar = await bars.evaluateAll((elements) => elements.map((element) => element.querySelectorAll('.coverage-fill').length));
    expect(fillsPerBar).toEqual(overview.cameras.map((camera) => camera.gaps.length + 1));
    expect(fillsPerBar).toEqual([1, 2, 1, 1]);
    const secondCamera = page.getByTestId('camera-row').nth(1);
    expect(await secondCamera.innerText()).toMatch(/1 gap in the recordings:\s*No recording \d\d:\d\d\u2013\d\d:\d\d on \d{1,2} \w{3,4} \d{4} \(5 min\)/);
    // The step was marked as started by adding footage.
    expect(await page.getByTestId('step-state').innerText()).toBe('In progress');

    // The clock question is asked while it is unanswered.
    const clockForm = page.getByRole('form', { name: 'Check the recorder\u2019s clock' });
    await clockForm.getByText('Recorders\u2019 clocks drift. The police need the real time of the incident.').waitFor();
    expect(await clockForm.getByLabel('Which time zone is the recorder set to?').inputValue()).toBe(source!.timeZone);
    await clockForm.getByLabel(recorderShowsLabel).fill('2026-03-14T14:05:10');
    await clockForm.getByLabel(actualTimeLabel).fill('2026-03-14T14:01:58');
    await clockForm.getByRole('button', { name: 'Save the clock answer' }).click();
    await page.getByTestId('clock-sentence').filter({ hasText: "The recorder's clock is 3 min 12 s fast." }).waitFor();
    // Camera times now show the real time and what the recorder's clock showed.
    await page.getByTestId('camera-row').first().getByText(/Recorder.s clock showed:/).waitFor();

    await page.reload();
    await page.getByTestId('clock-sentence').filter({ hasText: "The recorder's clock is 3 min 12 s fast." }).waitFor();
    expect(await page.getByTestId('camera-name').allInnerTexts()).toEqual(overview.cameras.map((camera) => camera.label));
    expect(await page.getByTestId('coverage-bar').count()).toBe(4);
    expect(await page.getByTestId('folder-recordings').innerText()).toBe(`${source!.fileCount} recordings`);

    const stored = app.core.services.catalogue.listSources({ caseId });
    expect(stored).toMatchObject([{ id: source!.id, clockOffsetS: 192, clockCheck: 'measured' }]);
    expect(app.core.services.custody.verify()).toMatchObject({ ok: true });
    expect(session.pageErrors).toEqual([]);
  }, 150_000);

  it('says plainly when a typed folder does not exist, and keeps what was typed', async () => {
    session = await openE2eSession();
    const { page, app } = session;
    await page.goto(app.bridge.openUrl);
    await createCase(page, 'Fight outside');

    const missing = '/no/such/recorder/folder';
    await page.getByLabel('Folder on this computer').fill(missing);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: `The folder "${missing}" does not exist.` }).waitFor();
    expect(await page.getByLabel('Folder on this computer').inputValue()).toBe(missing);
    expect(await page.getByTestId('footage-folder').count()).toBe(0);

    const caseId = app.core.services.cases.list()[0]!.id;
    expect(app.core.services.catalogue.listSources({ caseId })).toEqual([]);
    // The failed request is an answer, not a page error.
    expect(session.pageErrors).toEqual([]);
  });
});
