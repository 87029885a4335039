/** Worker: evaluates one block of a sensitivity analysis' design points (block.ts). */
import { evaluateSensitivityBlock, type SensitivityBlockJob, type SensitivityBlockResult } from './block.js';

export default function runSensitivityTask(job: SensitivityBlockJob): SensitivityBlockResult {
  return evaluateSensitivityBlock(job);
}
