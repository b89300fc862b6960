// Entry of a sanitizer worker thread. tsx compiles the TypeScript here, whatever loader the parent process used
// (node --import tsx in production, vitest in tests).
import { tsImport } from 'tsx/esm/api';

const task = await tsImport('./worker-task.ts', import.meta.url);
export default task.default;
