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

/** A flag's number; NaN for a missing, empty or blank value (Number('') would be 0). */
export function numberOf(text: string | true | undefined): number {
  return typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
}

/**
 * Minimal flag parsing: `--key value` for the `values` keys, `--flag` for the `booleans`, `-o
 * value`; the rest are positionals. Any other option is refused where it stands, so `--bogus`
 * reads as unknown rather than as "needs a value".
 */
export function parseArgs(args: string[], booleans: string[], values: string[]): { flags: Map<string, string | true>; positionals: string[] } {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      const key = a.replace(/^--?/, '');
      if (!booleans.includes(key) && !values.includes(key)) throw new UsageError(`Unknown option ${a}.`);
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
