/** The shape of one CLI sub-command (DESIGN §7). */
import type { Services } from '../services.js';

export interface CliContext {
  services: Services;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  name: string;
  usage: string;
  run(args: string[], ctx: CliContext): Promise<void>;
}

/** Wrong arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** Minimal flag parsing: `--key value`, `--flag`, `-o value`; the rest are positionals. */
export function parseArgs(args: string[], booleans: string[] = []): { flags: Map<string, string | true>; positionals: string[] } {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      const key = a.replace(/^--?/, '');
      if (booleans.includes(key)) {
        flags.set(key, true);
      } else {
        const v = args[i + 1];
        if (v === undefined) throw new UsageError(`Option ${a} needs a value.`);
        flags.set(key, v);
        i++;
      }
    } else {
      positionals.push(a);
    }
  }
  return { flags, positionals };
}
