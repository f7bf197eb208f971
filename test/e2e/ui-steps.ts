import type { Page } from 'playwright-core';
import { isTerminalJobState } from '../../src-shared/domain/jobs';
import type { WebApp } from '../../src-main/bridge/start-web-app';

/** Creates a case through the case list's form and waits for its first step. */
export async function createCase(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel('What happened, in a few words').fill(title);
  await page.getByRole('button', { name: 'Create case' }).click();
  await page.getByTestId('case-title').filter({ hasText: title }).waitFor();
  await page.getByRole('heading', { name: 'Review footage', level: 1 }).waitFor();
}

/** "Try with demo footage" with the Dahua layout, waiting until the recordings have been read. */
export async function addDahuaDemoFootage(page: Page): Promise<void> {
  await page.getByLabel('Recorder make').selectOption({ label: 'Dahua' });
  await page.getByRole('button', { name: 'Try with demo footage' }).click();
  await page.getByTestId('footage-job-done').waitFor({ timeout: 100_000 });
}

/** Answers step 1's clock question: the recorder showed the same as the true time, read at one moment. */
export async function answerClockAsRight(page: Page): Promise<void> {
  const clockForm = page.getByRole('form', { name: 'Check the recorder\u2019s clock' });
  await clockForm.getByLabel(/What time did the recorder.s clock show\?/).fill('2026-03-14T14:05:10');
  await clockForm.getByLabel('What time was it really?').fill('2026-03-14T14:05:10');
  await clockForm.getByRole('button', { name: 'Save the clock answer' }).click();
  await page.getByTestId('clock-sentence').first().waitFor();
}

/**
 * A case ready for step 5: demo footage added through the UI with its clock answered, a 20 s clip marked through the
 * service (to keep it quick), and the export run through step 2's own button.
 */
export async function exportOneClipThroughUi(options: { page: Page; app: WebApp; title: string }): Promise<void> {
  const { page, app } = options;
  await page.goto(app.bridge.openUrl);
  await createCase(page, options.title);
  await addDahuaDemoFootage(page);
  await answerClockAsRight(page);

  const caseId = app.core.services.cases.list()[0]!.id;
  const timeline = app.core.services.review.timeline({ caseId });
  const startMs = timeline.startMs! + 150_000;
  const [camera] = timeline.cameras;
  app.core.services.review.addClips({ caseId, cameras: [{ sourceId: camera!.sourceId, cameraKey: camera!.cameraKey }], startMs, endMs: startMs + 20_000, actor: 'test' });
  // expect.poll only works inside a test, so the background check is waited for by hand.
  const checking = () => app.core.services.jobs.list().some((job) => job.kind === 'catalogue.check' && !isTerminalJobState(job.state));
  for (const started = Date.now(); checking(); ) {
    if (Date.now() - started > 60_000) throw new Error('The background check of the recordings did not finish within a minute.');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  await page.getByRole('button', { name: /2 Export/ }).click();
  await page.getByRole('heading', { name: 'Export', level: 1 }).waitFor();
  await page.getByTestId('export-clip').first().waitFor();
  await page.getByTestId('export-start').click();
  await page.getByTestId('export-results').waitFor({ timeout: 120_000 });
}
