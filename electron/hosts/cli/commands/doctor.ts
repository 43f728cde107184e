/** `doctor [--json]`: versions, execution providers and every model with its sha256 check. */
import { doctor, licenceNote } from '../../../services/inference/doctor.js';
import { parseArgs, UsageError, type CliCommand } from '../command.js';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'doctor [--json]',
  async run(args, { services, stdout }) {
    const { flags, positionals } = parseArgs(args, ['json'], []);
    if (positionals.length) throw new UsageError('doctor takes no arguments.');
    // Loading every model is what proves the provider choice (and the sha256) end to end.
    const report = await doctor(services.inference, { loadModels: true });
    if (flags.has('json')) {
      stdout(JSON.stringify(report, null, 2));
      return;
    }
    stdout(`${report.app.name} ${report.app.version}`);
    for (const [k, v] of Object.entries(report.versions)) stdout(`  ${k.padEnd(12)} ${v}`);
    stdout(`providers available: ${report.providers.available.join(', ')}; in use: ${report.provider}`);
    for (const m of report.models) stdout(`  ${m.status === 'ok' ? 'ok      ' : m.status.padEnd(8)} ${m.name} (${m.file}) on ${report.providers.inUse[m.name] ?? '-'} — ${licenceNote(m)}`);
    for (const w of report.warnings) stdout(`warning: ${w}`);
  },
};
