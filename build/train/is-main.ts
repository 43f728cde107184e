/** True when the module at `url` is the script node was started with (so recipes can also be imported by all.ts). */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const isMain = (url: string): boolean => process.argv[1] !== undefined && url === pathToFileURL(path.resolve(process.argv[1])).href;
