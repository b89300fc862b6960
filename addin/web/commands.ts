/**
 * The ribbon's function file. The InLoox button opens the task pane (ShowTaskpane, no code); the quick task button
 * runs quickTask here (ExecuteFunction / executeFunction), without opening the pane.
 */
import { associateAction, ready } from './office';
import { QUICK_TASK_ACTION, quickTask } from './quick-task';

// Classic Outlook finds XML-manifest functions by their global name; newer hosts use Office.actions.associate.
(globalThis as Record<string, unknown>)[QUICK_TASK_ACTION] = quickTask;
if ((globalThis as { Office?: unknown }).Office) {
  try {
    associateAction(QUICK_TASK_ACTION, quickTask);
  } catch {
    // A host without Office.actions: the global name serves.
  }
  void ready().catch(() => undefined);
}
