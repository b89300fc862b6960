import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { reuseConnectorClients } from '../../bot/router';

const activity = (serviceUrl: string) =>
  ({ type: 'message', channelId: 'msteams', serviceUrl, text: 'help' }) as unknown as Activity;

describe('reuseConnectorClients', () => {
  it('gives every turn to the same service URL the same connector client (anonymous, as in local mode)', async () => {
    const auth = reuseConnectorClients(new ConfigurationBotFrameworkAuthentication({}));
    const clientOf = async (serviceUrl: string) => {
      const result = await auth.authenticateRequest(activity(serviceUrl), '');
      return result.connectorFactory!.create(serviceUrl, result.audience);
    };
    const first = await clientOf('http://127.0.0.1:56150/');
    const second = await clientOf('http://127.0.0.1:56150/');
    const other = await clientOf('http://127.0.0.1:3978/');
    expect(second).toBe(first);
    expect(other).not.toBe(first);
  });

  it('gives every turn of the same bot app the same user token client', async () => {
    const auth = reuseConnectorClients(new ConfigurationBotFrameworkAuthentication({}));
    const identity = (claims: Record<string, string>) =>
      ({ getClaimValue: (type: string) => claims[type] ?? null }) as unknown as Parameters<
        typeof auth.createUserTokenClient
      >[0];
    const first = await auth.createUserTokenClient(identity({ aud: 'app-1' }));
    expect(await auth.createUserTokenClient(identity({ aud: 'app-1' }))).toBe(first);
    expect(await auth.createUserTokenClient(identity({ aud: 'app-2' }))).not.toBe(first);
    expect(await auth.createUserTokenClient(identity({ appid: 'app-1' }))).not.toBe(first);
  });

  it('builds again after a failed build and keeps at most `max` clients', async () => {
    const built: string[] = [];
    let fail = true;
    const fake = {
      authenticateRequest: async () => ({
        audience: 'aud',
        claimsIdentity: { getClaimValue: () => 'app-id' },
        connectorFactory: {
          create: async (serviceUrl: string) => {
            built.push(serviceUrl);
            if (fail) throw new Error('token service down');
            return { serviceUrl };
          },
        },
      }),
    } as unknown as ConfigurationBotFrameworkAuthentication;
    const auth = reuseConnectorClients(fake, 2);
    const create = async (serviceUrl: string) =>
      (await auth.authenticateRequest(activity(serviceUrl), '')).connectorFactory!.create(serviceUrl, 'aud');

    await expect(create('https://a/')).rejects.toThrow('token service down');
    await new Promise((resolve) => setImmediate(resolve));
    fail = false;
    const a = await create('https://a/');
    expect(await create('https://a/')).toBe(a);
    expect(built).toEqual(['https://a/', 'https://a/']);

    await create('https://b/');
    await create('https://c/'); // the third evicts the first
    await create('https://a/');
    expect(built).toEqual(['https://a/', 'https://a/', 'https://b/', 'https://c/', 'https://a/']);
  });
});
