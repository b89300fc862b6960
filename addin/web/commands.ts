/**
 * The ribbon's function file. The add-in's only ribbon button opens the task pane (ShowTaskpane), which needs no
 * code; Office still loads this page and waits for Office.onReady.
 */
declare const Office: { onReady(): Promise<unknown> } | undefined;

if (typeof Office !== 'undefined') void Office.onReady();
