/**
 * The quick task is a function command in both manifests: ExecuteFunction in the XML (both VersionOverrides), an
 * executeFunction action on the commands page in the unified manifest, both named as the function file registers it,
 * and the filled package validates offline.
 */
import { describe, expect, it } from 'vitest';
import { parseXml, validateAddinXml } from '../../manifest/addin-xml';
import { validateAppPackage } from '../../manifest/validate';
import { QUICK_TASK_ACTION, TASK_PANE_COMMAND } from '../../addin/web/quick-task';
import { BASE_URL, manifestOf, testPackage } from './helpers';

describe('the quick task function command', () => {
  it('is declared in the unified manifest as an executeFunction action on the commands page, with a button', async () => {
    const pkg = await testPackage();
    const manifest = manifestOf(pkg);
    const extension = manifest.extensions[0];
    const runtime = extension.runtimes.find((r: { actions: { id: string }[] }) =>
      r.actions.some((a) => a.id === QUICK_TASK_ACTION),
    );
    expect(runtime.code.page).toBe(`${BASE_URL}/addin/commands.html`);
    expect(runtime.actions).toEqual([{ id: 'quickTask', type: 'executeFunction', displayName: 'Quick InLoox task' }]);
    const controls = extension.ribbons[0].tabs[0].groups[0].controls;
    expect(controls.map((c: { id: string; actionId: string }) => [c.id, c.actionId])).toEqual([
      [TASK_PANE_COMMAND, 'openTaskPane'],
      ['inlooxQuickTask', QUICK_TASK_ACTION],
    ]);
    const german = manifestOf(pkg, 'de.json');
    expect(german['extensions[0].ribbons[0].tabs[0].groups[0].controls[1].label']).toBe('InLoox-Schnellaufgabe');
    expect(await validateAppPackage(pkg)).toEqual([]);
  });

  it('is declared in the XML manifest as ExecuteFunction in both versions, with the function file', async () => {
    const pkg = await testPackage();
    const document = parseXml(pkg.addinXml).document!;
    const functions = [...document.getElementsByTagName('FunctionName')].map((e) => e.textContent);
    expect(functions).toEqual([QUICK_TASK_ACTION, QUICK_TASK_ACTION]);
    const actions = [...document.getElementsByTagName('Action')].map((e) => e.getAttribute('xsi:type'));
    expect(actions.filter((type) => type === 'ExecuteFunction')).toHaveLength(2);
    const buttons = [...document.getElementsByTagName('Control')].map((e) => e.getAttribute('id'));
    const both = [TASK_PANE_COMMAND, 'inlooxQuickTask', 'inlooxBookMeeting'];
    expect(buttons).toEqual([...both, ...both]);
    const { problems } = await validateAddinXml(pkg.addinXml);
    expect(problems).toEqual([]);
    expect(pkg.addinXml).toContain(`DefaultValue="${BASE_URL}/addin/commands.html"`);
    expect(pkg.addinXml).toContain('Value="InLoox-Schnellaufgabe"');
  });
});
