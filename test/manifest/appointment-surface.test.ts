/**
 * "Book as time" on appointments: both manifests declare the appointment read surface (attendee view) with a button
 * that opens the same task pane, the XML activates on appointments in read mode, the German texts exist, and the
 * filled package still validates offline; a manifest that drops the surface from one side fails the check.
 */
import { describe, expect, it } from 'vitest';
import { parseXml, validateAddinXml } from '../../manifest/addin-xml';
import { validateAppPackage } from '../../manifest/validate';
import { BASE_URL, manifestOf, testPackage, withJson, type Json } from './helpers';

describe('the appointment surface', () => {
  it('is a ribbon of the unified manifest on meetingDetailsAttendee opening the task pane, in English and German', async () => {
    const pkg = await testPackage();
    const extension = manifestOf(pkg).extensions[0];
    const ribbon = extension.ribbons.find((r: Json) => r.contexts.includes('meetingDetailsAttendee'));
    expect(ribbon.contexts).toEqual(['meetingDetailsAttendee']);
    const [button] = ribbon.tabs[0].groups[0].controls;
    expect(button).toMatchObject({ id: 'inlooxBookMeeting', type: 'button', label: 'Book as time' });
    const pane = extension.runtimes.find((r: Json) => r.actions.some((a: Json) => a.id === button.actionId));
    expect(pane.actions.find((a: Json) => a.id === button.actionId).type).toBe('openPage');
    expect(pane.code.page).toBe(`${BASE_URL}/addin/taskpane.html`);
    expect(button.icons.map((icon: { size: number }) => icon.size)).toEqual([16, 32, 80]);
    const german = manifestOf(pkg, 'de.json');
    expect(german['extensions[0].ribbons[1].tabs[0].groups[0].controls[0].label']).toBe('Als Zeit buchen');
    expect(await validateAppPackage(pkg)).toEqual([]);
  });

  it('is AppointmentAttendeeCommandSurface in both XML versions, with an appointment read rule', async () => {
    const pkg = await testPackage();
    const document = parseXml(pkg.addinXml).document!;
    const surfaces = [...document.getElementsByTagName('ExtensionPoint')].map((e) => e.getAttribute('xsi:type'));
    expect(surfaces.filter((type) => type === 'AppointmentAttendeeCommandSurface')).toHaveLength(2);
    for (const point of document.getElementsByTagName('ExtensionPoint')) {
      if (point.getAttribute('xsi:type') !== 'AppointmentAttendeeCommandSurface') continue;
      const action = point.getElementsByTagName('Action')[0]!;
      expect(action.getAttribute('xsi:type')).toBe('ShowTaskpane');
      expect(action.getElementsByTagName('SourceLocation')[0]!.getAttribute('resid')).toBe('Taskpane.Url');
    }
    const rules = [...document.getElementsByTagName('Rule')]
      .filter((rule) => rule.getAttribute('xsi:type') === 'ItemIs')
      .map((rule) => `${rule.getAttribute('ItemType')}/${rule.getAttribute('FormType')}`);
    expect(rules).toEqual(['Message/Read', 'Appointment/Read']);
    expect(pkg.addinXml).toContain('Value="Als Zeit buchen"');

    const { converted, problems } = await validateAddinXml(pkg.addinXml);
    expect(problems).toEqual([]);
    const contexts = (converted!.extensions as Json[])[0]!.ribbons.map((r: Json) => r.contexts).flat();
    expect(contexts).toContain('meetingDetailsAttendee');
  });

  it('fails the package check when the unified manifest lacks the surface the XML declares', async () => {
    const pkg = withJson(await testPackage(), (manifest) => {
      manifest.extensions[0].ribbons = manifest.extensions[0].ribbons.filter(
        (r: Json) => !r.contexts.includes('meetingDetailsAttendee'),
      );
    });
    const problems = await validateAppPackage(pkg);
    expect(problems.map((p) => p.message)).toContain('ribbon button "inlooxBookMeeting" has no twin in manifest.json');
  });
});
