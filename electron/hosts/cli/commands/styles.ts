/** `styles [--json]`: every style in the gallery (DESIGN §7: [{"id","name","kind"}]). */
import { parseArgs, UsageError, type CliCommand } from '../command.js';

export const stylesCommand: CliCommand = {
  name: 'styles',
  usage: 'styles [--json]',
  async run(args, { services, stdout, stderr }) {
    const { flags, positionals } = parseArgs(args, ['json'], []);
    if (positionals.length) throw new UsageError('styles takes no arguments.');
    const catalog = await services.style.gallery.catalog();
    for (const s of catalog.skipped) stderr(s);
    const styles = catalog.styles.map(({ id, name, kind }) => ({ id, name, kind }));
    if (flags.has('json')) {
      stdout(JSON.stringify(styles));
      return;
    }
    for (const s of styles) stdout(`${s.id.padEnd(44)} ${s.kind.padEnd(8)} ${s.name}`);
  },
};
