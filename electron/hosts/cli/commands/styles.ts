/** `styles [--json]`: every style in the gallery (DESIGN §7: [{"id","name","kind"}]). */
import { parseArgs, type CliCommand } from '../command.js';

export const stylesCommand: CliCommand = {
  name: 'styles',
  usage: 'styles [--json]',
  async run(args, { services, stdout }) {
    const { flags } = parseArgs(args, ['json']);
    const styles = (await services.style.gallery.list()).map(({ id, name, kind }) => ({ id, name, kind }));
    if (flags.has('json')) {
      stdout(JSON.stringify(styles));
      return;
    }
    for (const s of styles) stdout(`${s.id.padEnd(44)} ${s.kind.padEnd(8)} ${s.name}`);
  },
};
