import { beforeAll, describe, expect, it } from 'vitest';
import type { AppPackage } from '../../manifest/build';
import { encodePng } from '../../manifest/png';
import { formatProblem, validateAppPackage } from '../../manifest/validate';
import { testPackage, withJson, withXml } from './helpers';

let good: AppPackage;
beforeAll(async () => {
  good = await testPackage();
});

async function messages(appPackage: AppPackage): Promise<string[]> {
  return (await validateAppPackage(appPackage)).map(formatProblem);
}

function solidPng(size: number, rgba: [number, number, number, number]): Buffer {
  const pixels = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) pixels.set(rgba, i * 4);
  return encodePng({ width: size, height: size, rgba: pixels });
}

interface BrokenCase {
  name: string;
  breakIt: (appPackage: AppPackage) => AppPackage;
  expected: RegExp;
}

const cases: BrokenCase[] = [
  {
    name: 'wrong app id',
    breakIt: (p) => withJson(p, (m) => (m.id = 'inloox-app')),
    expected: /^manifest\.json › id: must be a GUID, got "inloox-app"$/,
  },
  {
    name: 'missing privacy URL',
    breakIt: (p) => withJson(p, (m) => delete m.developer.privacyUrl),
    expected: /^manifest\.json › developer\.privacyUrl: is required but missing$/,
  },
  {
    name: 'bad bot scope',
    breakIt: (p) => withJson(p, (m) => (m.bots[0].scopes = ['personal', 'channel'])),
    expected:
      /^manifest\.json › bots\[0\]\.scopes\[1\]: must be one of "team", "personal", "groupChat".*got "channel"$/,
  },
  {
    name: 'name too long',
    breakIt: (p) => withJson(p, (m) => (m.name.short = 'InLoox Projects and Tasks for Teams')),
    expected: /^manifest\.json › name\.short: is too long: 35 characters, at most 30 allowed/,
  },
  {
    name: 'placeholder left unfilled in manifest.json',
    breakIt: (p) => withJson(p, (m) => (m.bots[0].botId = '${{BOT_ID}}')),
    expected: /^manifest\.json: placeholder \$\{\{BOT_ID\}\} was not filled: set MicrosoftAppId/,
  },
  {
    name: 'placeholder left unfilled in the XML',
    breakIt: (p) =>
      withXml(p, (xml) => xml.replace(/<Version>[^<]+<\/Version>/, '<Version>${{ADDIN_VERSION}}</Version>')),
    expected:
      /^outlook-addin\.xml: placeholder \$\{\{ADDIN_VERSION\}\} was not filled: set the "version" of package\.json/,
  },
  {
    name: 'mismatched ids between JSON and XML',
    breakIt: (p) =>
      withXml(p, (xml) => xml.replace(/<Id>[^<]+<\/Id>/, '<Id>7d0c6a1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f</Id>')),
    expected:
      /^outlook-addin\.xml: <Id> is "7d0c6a1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f" but manifest\.json has "[0-9a-f-]{36}": both manifests must carry the same app id/,
  },
  {
    name: 'mismatched versions between JSON and XML',
    breakIt: (p) => withXml(p, (xml) => xml.replace(/<Version>[^<]+<\/Version>/, '<Version>9.9.9.0</Version>')),
    expected: /^outlook-addin\.xml: <Version> is "9\.9\.9" but manifest\.json has "1\.4\.2"/,
  },
  {
    name: 'XML button opening another page',
    breakIt: (p) => withXml(p, (xml) => xml.replaceAll('/addin/taskpane.html', '/addin/other.html')),
    expected: /^outlook-addin\.xml: the task pane URL is \[".*\/addin\/other\.html"\] but manifest\.json has/,
  },
  {
    name: 'XML SSO app differing from JSON',
    breakIt: (p) =>
      withJson(p, (m) => {
        m.webApplicationInfo.id = '11111111-2222-4333-8444-555555555555';
        m.webApplicationInfo.resource = 'api://inloox-bot.example.com/11111111-2222-4333-8444-555555555555';
      }),
    expected: /^outlook-addin\.xml: <WebApplicationInfo> is .* but manifest\.json has .*one SSO app/,
  },
  {
    name: 'malformed XML',
    breakIt: (p) => withXml(p, (xml) => xml.replace('</OfficeApp>', '')),
    expected: /^outlook-addin\.xml: is not well-formed XML: \d+:\d+: unclosed tag: OfficeApp$/,
  },
  {
    name: 'XML the Office parser rejects (no permissions)',
    breakIt: (p) => withXml(p, (xml) => xml.replace('<Permissions>ReadItem</Permissions>', '')),
    expected: /^outlook-addin\.xml: is rejected by the Office add-in manifest parser: /,
  },
  {
    name: 'XML button pointing at a resource that does not exist',
    breakIt: (p) =>
      withXml(p, (xml) =>
        xml.replace('<SourceLocation resid="Taskpane.Url" />', '<SourceLocation resid="Pane.Url" />'),
      ),
    expected: /^outlook-addin\.xml › VersionOverridesV1_0: <SourceLocation resid="Pane\.Url"> names no resource/,
  },
  {
    name: 'XML label longer than Outlook allows',
    breakIt: (p) =>
      withXml(p, (xml) =>
        xml.replace('DefaultValue="Create InLoox task">', `DefaultValue="${'Create InLoox task '.repeat(7)}">`),
      ),
    expected: /^outlook-addin\.xml › VersionOverridesV1_0: string "Button\.Label" is 133 characters long, at most 125/,
  },
  {
    name: 'XML elements out of schema order',
    breakIt: (p) =>
      withXml(p, (xml) =>
        xml
          .replace('  <Permissions>ReadItem</Permissions>\n', '')
          .replace('</OfficeApp>', '<Permissions>ReadItem</Permissions></OfficeApp>'),
      ),
    expected: /^outlook-addin\.xml: <Permissions> is out of order: it must come before <VersionOverrides>$/,
  },
  {
    name: 'XML button without its 80 px icon',
    breakIt: (p) => withXml(p, (xml) => xml.replace('<bt:Image size="80" resid="Icon.80" />', '')),
    expected: /button "inlooxOpenTaskPane" needs icons of sizes 16, 32 and 80 \(missing 80\)$/,
  },
  {
    name: 'XML icon over http',
    breakIt: (p) => withXml(p, (xml) => xml.replace('<IconUrl DefaultValue="https', '<IconUrl DefaultValue="http')),
    expected: /^outlook-addin\.xml › IconUrl: must be an https URL, got "http:\/\//,
  },
  {
    name: 'tab served over http',
    breakIt: (p) => withJson(p, (m) => (m.staticTabs[0].contentUrl = 'http://inloox-bot.example.com/tab/')),
    expected: /^manifest\.json › staticTabs\[0\]\.contentUrl: must use https/,
  },
  {
    name: 'task pane on a domain that is not valid',
    breakIt: (p) => withJson(p, (m) => (m.extensions[0].runtimes[0].code.page = 'https://elsewhere.example.net/a')),
    expected:
      /^manifest\.json › extensions\[0\]\.runtimes\[0\]\.code\.page: host "elsewhere\.example\.net" is not in validDomains/,
  },
  {
    name: 'message extension bound to another bot',
    breakIt: (p) => withJson(p, (m) => (m.composeExtensions[0].botId = '99999999-2222-4333-8444-555555555555')),
    expected: /^manifest\.json › composeExtensions\[0\]\.botId: .* is not the bot's id/,
  },
  {
    name: 'outline icon with colour',
    breakIt: (p) => {
      const files = new Map(p.files);
      files.set('outline.png', solidPng(32, [26, 95, 180, 255]));
      return { files, addinXml: p.addinXml };
    },
    expected: /^outline\.png: outline icon must be white on transparent/,
  },
  {
    name: 'colour icon of the wrong size',
    breakIt: (p) => {
      const files = new Map(p.files);
      files.set('color.png', solidPng(96, [26, 95, 180, 255]));
      return { files, addinXml: p.addinXml };
    },
    expected: /^color\.png: must be 192×192 pixels, is 96×96$/,
  },
  {
    name: 'German strings for a text the manifest does not have',
    breakIt: (p) => withJson(p, (m) => (m['staticTabs[5].name'] = 'Geister-Tab'), 'de.json'),
    expected: /^de\.json › staticTabs\[5\]\.name: translates a text that manifest\.json does not have$/,
  },
  {
    name: 'German title too long for the message extension',
    breakIt: (p) =>
      withJson(
        p,
        (m) => (m['composeExtensions[0].commands[0].title'] = 'Eine neue InLoox-Aufgabe erstellen'),
        'de.json',
      ),
    expected: /^de\.json › composeExtensions\[0\]\.commands\[0\]\.title: is too long: 34 characters, at most 32/,
  },
  {
    name: 'manifest.json missing from the zip',
    breakIt: (p) => {
      const files = new Map(p.files);
      files.delete('manifest.json');
      return { files, addinXml: p.addinXml };
    },
    expected: /^manifest\.json: is missing from the app package$/,
  },
];

describe('broken packages are rejected with a readable message', () => {
  it('accepts the unbroken package (so each rejection below is caused by its breakage)', async () => {
    expect(await messages(good)).toEqual([]);
  });

  it.each(cases)('$name', async ({ breakIt, expected }) => {
    const found = await messages(breakIt(good));
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.some((message) => expected.test(message)),
      found.join('\n'),
    ).toBe(true);
    for (const message of found) {
      expect(message).not.toMatch(/\[object Object\]|undefined|NaN/);
      expect(message.length).toBeLessThan(400);
    }
  });
});
