import { TASKS, type TaskName } from './tasks';

/** The worker-thread side of the compute pool: one task, plain data in and out. */
export default function run({ task, input }: { task: TaskName; input: unknown }): unknown {
  return (TASKS[task] as (i: unknown) => unknown)(input);
}
