/**
 * Atomic file writes: the bytes go to a temporary file beside the target, are flushed, then
 * renamed over it, so a crash or a full disk never leaves a half-written preset, sheet or setting.
 *
 * A read-only target is refused rather than silently replaced (a rename would swap in a new,
 * writable file); a writable one keeps its mode. Failures are one sentence about the target, never
 * about the hidden temp file. Temp names carry the writer's pid, so one left by a killed process
 * can be told from one being written right now and removed (cleanStaleTemps).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { badInput, ServiceError } from '../../../common/errors.js';

/** `.<name>.<pid>-<12 hex>.tmp`; the older `.<name>.<12 hex>.tmp` had no pid. */
const TEMP_NAME = /^\..+\.(?:(\d+)-)?[0-9a-f]{12}\.tmp$/;

export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(target);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    throw writeError(e, target);
  }
  const mode = await replaceableMode(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(tmp, 'wx', mode ?? 0o644);
    try {
      await handle.writeFile(data);
      if (mode !== undefined) await handle.chmod(mode); // the umask may have narrowed it
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw writeError(e, target);
  }
}

/**
 * The mode an existing target keeps, undefined when there is none; refuses a target that is
 * read-only (no write bit for anyone: the mode is checked, not access(), which root always passes)
 * or that is a folder.
 */
async function replaceableMode(target: string): Promise<number | undefined> {
  let st;
  try {
    st = await fs.stat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw writeError(e, target);
  }
  if (st.isDirectory()) throw badInput(`${target} is a folder; choose a file name.`);
  if (isReadOnlyMode(st.mode)) throw badInput(`${target} is read-only; it was left as it is (choose another name or make it writable).`);
  return st.mode & 0o7777;
}

export function isReadOnlyMode(mode: number): boolean {
  return (mode & 0o222) === 0;
}

/** One sentence about the file the user named, whatever went wrong with the temp file beside it. */
function writeError(e: unknown, target: string): Error {
  if (e instanceof ServiceError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the disk is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exceeded',
    EFBIG: 'the file is larger than this disk allows',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of its path is not a folder',
    EEXIST: 'a part of its path is not a folder', // mkdir over a file
    ENAMETOOLONG: 'the name is too long',
    ENOENT: 'its folder does not exist',
  };
  if (code && why[code]) return badInput(`Cannot write ${target}: ${why[code]}.`);
  return new Error(`Cannot write ${target}: ${e instanceof Error ? e.message.replace(/'[^']*\.tmp'/g, 'a temporary file') : String(e)}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files that writeFileAtomic left in `dir` when its process was killed (the pid in
 * the name is gone, or the name predates pids); returns how many. A missing folder is fine.
 */
export async function cleanStaleTemps(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || (m[1] && (Number(m[1]) === process.pid || alive(Number(m[1]))))) continue;
    try {
      const file = path.join(dir, name);
      if ((await fs.lstat(file)).isFile()) {
        await fs.rm(file);
        removed++;
      }
    } catch {
      /* another process cleaned it first */
    }
  }
  return removed;
}
