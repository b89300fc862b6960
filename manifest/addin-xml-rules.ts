/**
 * Schema rules of the XML add-in manifest that the Office parser in the converter tolerates but Outlook and the
 * admin centers reject: element order, resource references, string lengths, https, button icon sizes, rules.
 */
import type { Problem } from './schema';

const FILE = 'outlook-addin.xml';

/** Top-level children of a MailApp <OfficeApp>, in the order the XSD requires. */
const OFFICE_APP_ORDER = [
  'Id',
  'AlternateId',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'FormSettings',
  'Permissions',
  'Rule',
  'DisableEntityHighlighting',
  'VersionOverrides',
];
const REQUIRED = [
  'Id',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'Permissions',
  'Rule',
];
const PERMISSIONS = ['Restricted', 'ReadItem', 'ReadWriteItem', 'ReadWriteMailbox'];
const ITEM_TYPES = ['Message', 'Appointment'];
const FORM_TYPES = ['Read', 'Edit', 'ReadOrEdit'];
const BUTTON_ICON_SIZES = ['16', '32', '80'];
const MAX_SHORT_STRING = 125;
const MAX_LONG_STRING = 250;

function children(element: Element): Element[] {
  return [...element.children];
}

function problem(message: string, where?: string): Problem {
  return { file: FILE, where, message };
}

function checkOrder(root: Element): Problem[] {
  const names = children(root).map((child) => child.localName);
  const problems: Problem[] = [];
  for (const name of REQUIRED) if (!names.includes(name)) problems.push(problem(`<${name}> is required but missing`));
  let last = -1;
  for (const name of names) {
    const index = OFFICE_APP_ORDER.indexOf(name);
    if (index < 0) {
      problems.push(problem(`<${name}> is not an element of a mail add-in manifest`));
      continue;
    }
    if (index < last) {
      problems.push(problem(`<${name}> is out of order: it must come before <${OFFICE_APP_ORDER[last]}>`));
    }
    last = Math.max(last, index);
  }
  return problems;
}

function checkValues(root: Element): Problem[] {
  const problems: Problem[] = [];
  const version =
    children(root)
      .find((child) => child.localName === 'Version')
      ?.textContent?.trim() ?? '';
  if (version && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) {
    problems.push(problem(`must be up to four numbers like 1.2.3.0, got "${version}"`, 'Version'));
  }
  const permissions = children(root)
    .find((child) => child.localName === 'Permissions')
    ?.textContent?.trim();
  if (permissions !== undefined && !PERMISSIONS.includes(permissions)) {
    problems.push(problem(`must be one of ${PERMISSIONS.join(', ')}, got "${permissions}"`, 'Permissions'));
  }
  for (const rule of root.getElementsByTagName('Rule')) {
    if (rule.getAttribute('xsi:type') !== 'ItemIs') continue;
    const itemType = rule.getAttribute('ItemType') ?? '';
    const formType = rule.getAttribute('FormType');
    if (!ITEM_TYPES.includes(itemType)) {
      problems.push(problem(`ItemType must be ${ITEM_TYPES.join(' or ')}, got "${itemType}"`, 'Rule'));
    }
    if (formType !== null && !FORM_TYPES.includes(formType)) {
      problems.push(problem(`FormType must be one of ${FORM_TYPES.join(', ')}, got "${formType}"`, 'Rule'));
    }
  }
  return problems;
}

/** Every DefaultValue/Value that is meant to be a URL must be https. */
function checkUrls(root: Element): Problem[] {
  const problems: Problem[] = [];
  const urlElements = ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation', 'bt:Image', 'bt:Url'];
  for (const name of urlElements) {
    for (const element of root.getElementsByTagName(name)) {
      const value = element.getAttribute('DefaultValue');
      if (value === null) continue;
      if (!/^https:\/\/[^\s/]+/i.test(value)) {
        const id = element.getAttribute('id');
        problems.push(problem(`must be an https URL, got "${value}"`, id ? `${name} ${id}` : name));
      }
    }
  }
  for (const domain of root.getElementsByTagName('AppDomain')) {
    if (!/^https:\/\//i.test(domain.textContent?.trim() ?? '')) {
      problems.push(problem(`must start with https://, got "${domain.textContent?.trim()}"`, 'AppDomain'));
    }
  }
  return problems;
}

/** Within each <VersionOverrides>, every resid must name a resource of that same VersionOverrides. */
function checkResources(root: Element): Problem[] {
  const problems: Problem[] = [];
  for (const overrides of root.getElementsByTagName('VersionOverrides')) {
    const type = overrides.getAttribute('xsi:type') ?? 'VersionOverrides';
    const resources = children(overrides).find((child) => child.localName === 'Resources');
    const ids = new Set<string>();
    for (const resource of resources?.querySelectorAll('*') ?? []) {
      const id = resource.getAttribute('id');
      if (id && resource.hasAttribute('DefaultValue')) ids.add(id);
    }
    const own = (element: Element) => element.closest('VersionOverrides') === overrides;
    for (const element of overrides.querySelectorAll('[resid]')) {
      if (!own(element)) continue;
      const resid = element.getAttribute('resid') ?? '';
      if (!ids.has(resid)) {
        problems.push(problem(`<${element.localName} resid="${resid}"> names no resource in <Resources>`, type));
      }
    }
    for (const [list, limit] of [
      ['bt:ShortStrings', MAX_SHORT_STRING],
      ['bt:LongStrings', MAX_LONG_STRING],
    ] as const) {
      for (const container of resources?.getElementsByTagName(list) ?? []) {
        for (const text of container.querySelectorAll('*')) {
          const value = text.getAttribute('DefaultValue') ?? text.getAttribute('Value') ?? '';
          if (value.length > limit) {
            problems.push(
              problem(
                `string "${text.closest('[id]')?.getAttribute('id')}" is ${value.length} characters long, at most ${limit} allowed`,
                type,
              ),
            );
          }
        }
      }
    }
    for (const factor of overrides.getElementsByTagName('DesktopFormFactor')) {
      if (factor.closest('VersionOverrides') !== overrides) continue;
      if (!children(factor).some((child) => child.localName === 'FunctionFile')) {
        problems.push(problem('<DesktopFormFactor> needs a <FunctionFile>', type));
      }
    }
    for (const control of overrides.getElementsByTagName('Control')) {
      if (!own(control) || control.getAttribute('xsi:type') !== 'Button') continue;
      const icon = children(control).find((child) => child.localName === 'Icon');
      const sizes = [...(icon?.getElementsByTagName('bt:Image') ?? [])].map((image) => image.getAttribute('size'));
      const missing = BUTTON_ICON_SIZES.filter((size) => !sizes.includes(size));
      if (missing.length > 0) {
        problems.push(
          problem(
            `button "${control.getAttribute('id')}" needs icons of sizes 16, 32 and 80 (missing ${missing.join(', ')})`,
            type,
          ),
        );
      }
    }
  }
  return problems;
}

export function checkAddinXmlStructure(document: Document): Problem[] {
  const root = document.documentElement;
  return [...checkOrder(root), ...checkValues(root), ...checkUrls(root), ...checkResources(root)];
}
