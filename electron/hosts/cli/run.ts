/**
 * The CLI (DESIGN §7) as a function of its arguments, so tests can run it in-process: results on
 * stdout, any failure one sentence on stderr and a non-zero exit code, and every command answers
 * `--help` with its usage on stdout and exit code 0.
 */
import path from 'node:path';
import { describeError } from '../../../common/errors.js';
import { cleanStaleTemps } from '../../services/settings/atomic.js';
import { closeServices, createServices, type Services } from '../services.js';
import { UsageError, type CliCommand } from './command.js';
import { commands } from './commands/index.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Built on demand when absent (and then disposed). */
  services?: Services;
}

/** Global flag, any command: refuse models not cleared for commercial use (as the setting does). */
const COMMERCIAL_ONLY = '--commercial-only';

function usage(): string {
  return [
    'Usage: npm run -s cli -- <command> [options] [--commercial-only]',
    ...commands.map((c: CliCommand) => `  ${c.usage}`),
    `  ${COMMERCIAL_ONLY}: use only models cleared for commercial use (also on when the app's setting is)`,
  ].join('\n');
}

const isHelp = (a: string) => a === '--help' || a === '-h';

/** The -o path of a command line, whose folder may hold temp files of a killed earlier run. */
function outputOf(args: string[]): string | undefined {
  const i = args.findIndex((a) => a === '-o' || a === '--o');
  return i >= 0 ? args[i + 1] : undefined;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const commercialOnly = argv.includes(COMMERCIAL_ONLY);
  const [name, ...rest] = argv.filter((a) => a !== COMMERCIAL_ONLY);
  if (!name || isHelp(name) || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}". Run with --help to list the commands.`);
    return 2;
  }
  // Before parsing: `detect --help` must not read as "--help needs a value".
  if (rest.some(isHelp)) {
    io.stdout(`Usage: npm run -s cli -- ${command.usage}`);
    return 0;
  }
  const services = io.services ?? createServices();
  try {
    const out = outputOf(rest);
    if (out) await cleanStaleTemps(path.dirname(path.resolve(out)));
    services.inference.setCommercialOnly(commercialOnly || (await services.settings.read()).commercialOnly);
    await command.run(rest, { services, stdout: io.stdout, stderr: io.stderr });
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message} Usage: ${command.usage}`);
      return 2;
    }
    io.stderr(describeError(e).message);
    return 1;
  } finally {
    if (!io.services) await closeServices(services);
  }
}
