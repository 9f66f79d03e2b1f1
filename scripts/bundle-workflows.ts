/**
 * Prebuilds the workflow bundle once (webpack via the Temporal SDK), so workers start without
 * bundling: the Docker image runs this at build time, the tests once per run. The worker loads it
 * from WORKFLOW_BUNDLE_PATH.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FAILURE_CONVERTER_PATH } from '../platform/data-converter';

export const WORKFLOWS_ENTRY = path.join(__dirname, '..', 'workflows', 'index');

export async function writeWorkflowBundle(outFile: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS_ENTRY), failureConverterPath: FAILURE_CONVERTER_PATH, logger: quietLogger });
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, code);
  return outFile;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: (m: string, meta?: unknown) => console.error(m, meta), log: noop };

if (require.main === module) {
  const out = process.argv[2] ?? path.join(__dirname, '..', 'dist', 'workflow-bundle.js');
  writeWorkflowBundle(out).then(
    (f) => console.log(`workflow bundle written to ${f}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
