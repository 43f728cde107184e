/** The worker side of pool.ts: answers each task request with the task's value or its error. */
import { parentPort } from 'node:worker_threads';
import { ServiceError } from '../../../common/errors.js';
import type { TaskReply, TaskRequest, TaskTable } from './pool.js';

export function serveTasks(tasks: TaskTable): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs in a worker thread.');
  port.on('message', (req: TaskRequest) => {
    let reply: TaskReply;
    try {
      const fn = tasks[req.task];
      if (!fn) throw new Error(`No worker task "${req.task}".`);
      reply = { id: req.id, value: fn(...req.args) };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      reply = { id: req.id, error: e instanceof ServiceError ? { message, code: e.code } : { message } };
    }
    port.postMessage(reply);
  });
}
