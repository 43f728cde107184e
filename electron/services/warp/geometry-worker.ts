/** Worker thread entry for the warp's geometry (geometry-pool.ts; bundled as its own entry). */
import { serveTasks } from '../workers/serve.js';
import { WARP_GEOMETRY } from './geometry-tasks.js';

serveTasks(WARP_GEOMETRY);
