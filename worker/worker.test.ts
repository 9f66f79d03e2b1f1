/** The worker's start-up checks, on the real Temporal dev server with a real worker. */
import { checkTaskQueueServed, missingSearchAttributes } from './startup-check';
import { startTestWorker, TestTemporal } from '../test/support/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestWorker();
});
afterAll(async () => {
  await t.stop();
});

it('serves its task queue: the check workflow runs an activity and completes', async () => {
  const r = await checkTaskQueueServed(t.client, t.taskQueue, 20_000);
  expect(r.servedBy).toContain(t.taskQueue);
});

it('finds the custom search attributes registered on the dev server', async () => {
  expect(await missingSearchAttributes(t.client, 'default')).toEqual([]);
});

it('fails the check when nobody serves the queue', async () => {
  await expect(checkTaskQueueServed(t.client, `${t.taskQueue}-unserved`, 1500)).rejects.toThrow();
});
