import type { Command } from 'commander';
import { action } from '../action.js';

/** `br-guard doctor [--json]`: are the hooks git runs br-guard's, and can they run. Exit 1 when not. */
export function registerDoctorCommands(program: Command): void {
  program
    .command('doctor')
    .description("check that the hooks git will run are br-guard's, executable, and can find node and br-guard")
    .action(
      action(async (context) => {
        const git = await context.git();
        const { runDoctor } = await import('../../hooks/doctor/run-doctor.js');
        const report = await runDoctor(git, context.cwd);
        if (context.json) context.stdout(JSON.stringify(report, null, 2));
        else {
          const lines = report.checks.map((check) => `${check.ok ? '✓' : '✗'} ${check.name}: ${check.message}`);
          lines.push(report.ok ? 'br-guard doctor: the hooks are set up' : 'br-guard doctor: fix the ✗ lines above');
          context.stderr(lines.join('\n'));
        }
        return report.ok ? 0 : 1;
      }),
    );
}
