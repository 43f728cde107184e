/** Every CLI command, in the order `--help` lists them. */
import type { CliCommand } from '../command.js';
import { doctorCommand } from './doctor.js';

export const commands: CliCommand[] = [doctorCommand];
