import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO, ROOT, dropFiles, expect, test } from './fixtures';

test('a photo the host closes for memory leaves the strip with a warning saying so', async ({ studio, host }) => {
  test.skip(!host, 'the web host sets the memory bound here');
  // sample1..3 are 1920×1280, 1920×1280 and 1920×1350: room for two of them in this connection.
  host!.services.photos.limits.pixelsPerScope = 6_000_000;
  await dropFiles(studio, [1, 2, 3].map((n) => ({ name: `sample${n}.jpg`, mimeType: 'image/jpeg', buffer: readFileSync(DEMO(n)) })));
  // The notice says so at once (a face warning may replace it soon after); the strip keeps a placeholder.
  await expect(studio.getByTestId('photo-closed')).toHaveCount(1);
  await expect(studio.getByTestId('photo-closed')).toContainText('sample1.jpg');
  await expect(studio.getByTestId('photo-thumb')).toHaveCount(2);
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/photo-memory.png') });
  await studio.getByRole('button', { name: 'Dismiss sample1.jpg' }).click();
  await expect(studio.getByTestId('photo-closed')).toHaveCount(0);
});
