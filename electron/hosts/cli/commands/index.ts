/** Every CLI command, in the order `--help` lists them. */
import type { CliCommand } from '../command.js';
import { detectCommand } from './detect.js';
import { doctorCommand } from './doctor.js';
import { presetCommand } from './preset.js';
import { variationsCommand } from './variations.js';
import { warpCommand } from './warp.js';
import { styleCommand } from './style.js';
import { stylesCommand } from './styles.js';
import { parseCommand } from './parse.js';

export const commands: CliCommand[] = [detectCommand, parseCommand, warpCommand, presetCommand, stylesCommand, styleCommand, variationsCommand, doctorCommand];
