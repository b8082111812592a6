import { s } from '../schema-node.js';
import { defaultConfig } from '../defaults.js';

const defaults = defaultConfig().build;

const taskSchema = s.object(
  {
    run: s.string('Command line that builds the task (run through the shell, because you wrote it).', { optional: true }),
    gate: s.string('Pause before this task until a person approves; the message says what to check.', { optional: true }),
    dependsOn: s.array(s.string('A task id'), "Extra task ids this task waits for, beyond the spec's dependencies.", {
      optional: true,
    }),
    requires: s.object(
      {
        env: s.array(s.string('A variable name'), 'Environment variables that must be set.'),
        files: s.array(s.string('A path'), 'Files that must exist.'),
      },
      'What must be present before the task runs; otherwise it waits at a gate.',
      { optional: true },
    ),
    outputs: s.array(
      s.string('A path or glob, relative to the repo root (a folder ends with `/`)'),
      'What the task produces: in `build plan --github-actions` an artifact that the jobs depending on it download.',
      { optional: true },
    ),
    gateTimeout: s.number('Seconds a gate waits before `gateDefault` applies.', { optional: true, min: 0 }),
    gateDefault: s.string('What a timed-out gate does.', { optional: true, enum: ['approve', 'reject'] }),
  },
  'One task.',
);

/** `build`: the orchestrator's tasks, concurrency and checkpoints. */
export const buildSchema = s.object(
  {
    concurrency: s.number('Tasks run at once (default: number of CPUs).', {
      nullable: true,
      integer: true,
      min: 1,
      default: defaults.concurrency,
    }),
    onFailure: s.string(
      'What a failed task does: `gate` pauses at `<id>:failure` for retry/skip/abort (exit 3), `fail` ends the run (exit 1, state `failed`, dependents skipped). Unset: `gate` on a TTY, `fail` otherwise (no TTY, or CI).',
      { optional: true, enum: ['gate', 'fail'] },
    ),
    tasks: s.record(taskSchema, 'Per task id (a feature id): how to run it and whether it waits at a gate.', {
      default: defaults.tasks,
    }),
    checkpoints: s.object(
      {
        keepAutomatic: s.number('Automatic checkpoints kept; older ones are pruned.', {
          integer: true,
          min: 0,
          default: defaults.checkpoints.keepAutomatic,
        }),
        maxUntrackedFileBytes: s.number('Untracked files larger than this are left out of checkpoints.', {
          integer: true,
          min: 0,
          default: defaults.checkpoints.maxUntrackedFileBytes,
        }),
      },
      'Checkpoint retention.',
    ),
  },
  'Build orchestrator.',
);
