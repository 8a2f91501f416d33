import type { CommandQueue, QueuedCommand } from "../shared/types";

function run(command: unknown, onError: (error: unknown) => void): void {
  if (typeof command !== "function") {
    return;
  }
  try {
    (command as QueuedCommand)();
  } catch (error) {
    onError(error);
  }
}

/**
 * Runs the commands a page queued on `tsjs.que` before the bundle loaded, in order, and returns the queue that
 * replaces the array: from then on a pushed command runs at once. One failing command never stops the others.
 */
export function drainQueue(pending: unknown, onError: (error: unknown) => void): CommandQueue {
  const queue: CommandQueue = {
    push(...commands: QueuedCommand[]): number {
      for (const command of commands) {
        run(command, onError);
      }
      return 0;
    },
  };
  if (Array.isArray(pending)) {
    for (const command of pending.splice(0)) {
      run(command, onError);
    }
  }
  return queue;
}
