/**
 * The CLI host (DESIGN §7): `npm run -s cli -- <command> …`. Results go to stdout (JSON with
 * --json); any failure is one sentence on stderr and a non-zero exit code.
 */
import { describeError } from '../../../common/errors.js';
import { closeServices, createServices } from '../services.js';
import { UsageError, type CliCommand } from './command.js';
import { commands } from './commands/index.js';

function usage(): string {
  return ['Usage: npm run -s cli -- <command> [options]', ...commands.map((c: CliCommand) => `  ${c.usage}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}". Run with --help to list the commands.\n`);
    return 2;
  }
  const services = createServices();
  try {
    await command.run(rest, {
      services,
      stdout: (t) => process.stdout.write(`${t}\n`),
      stderr: (t) => process.stderr.write(`${t}\n`),
    });
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message} Usage: ${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`${describeError(e).message}\n`);
    return 1;
  } finally {
    await closeServices(services);
  }
}

process.exitCode = await main(process.argv.slice(2));
