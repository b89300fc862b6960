import { describe, expect, it } from 'vitest';
import { InLooxError } from '../../shared/inloox/errors';
import { createInLooxLinks, parseInLooxLink, webAppRoot } from '../../shared/inloox/links';

const PROJECT = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const TASK = '9b2d6c1e-0f4a-4b7e-8a51-6f1c2d3e4f50';
const CLOUD = 'https://app.inloox.com/api/odata/';
const SELF_HOSTED = 'https://inloox.example.org/api/v1/odata/';

describe('InLoox web links', () => {
  it('derives the web app root from Cloud, self-hosted and sandbox API URLs', () => {
    expect(webAppRoot(CLOUD).href).toBe('https://app.inloox.com/');
    expect(webAppRoot(SELF_HOSTED).href).toBe('https://inloox.example.org/');
    expect(webAppRoot('https://example.org/pm/api/v1/odata/').href).toBe('https://example.org/pm/');
    expect(webAppRoot('http://127.0.0.1:8787/api/odata/').href).toBe('http://127.0.0.1:8787/');
  });

  it('builds project and task links and rejects ids that are not GUIDs', () => {
    const links = createInLooxLinks(SELF_HOSTED);
    expect(links.project(PROJECT)).toBe(`https://inloox.example.org/project/${PROJECT}`);
    expect(links.task(TASK.toUpperCase())).toBe(`https://inloox.example.org/task/${TASK}`);
    expect(createInLooxLinks(CLOUD).project(PROJECT)).toBe(`https://app.inloox.com/project/${PROJECT}`);
    expect(() => links.task('../admin')).toThrow(InLooxError);
  });

  it('round-trips links for unfurling', () => {
    const links = createInLooxLinks(SELF_HOSTED);
    expect(parseInLooxLink(links.project(PROJECT), SELF_HOSTED)).toEqual({ kind: 'project', id: PROJECT });
    expect(parseInLooxLink(`${links.task(TASK)}/`, SELF_HOSTED)).toEqual({ kind: 'task', id: TASK });
    // Cloud links are always recognised, whatever host is configured.
    expect(parseInLooxLink(`https://app.inloox.com/task/${TASK}?x=1`, SELF_HOSTED)).toEqual({ kind: 'task', id: TASK });
  });

  it.each([
    `https://evil.example.com/project/${PROJECT}`,
    `https://app.inloox.com.evil.example.com/project/${PROJECT}`,
    `https://user:pw@app.inloox.com/project/${PROJECT}`,
    `javascript:alert(1)//app.inloox.com/project/${PROJECT}`,
    `https://app.inloox.com/project/not-a-guid`,
    `https://app.inloox.com/timeentry/${PROJECT}`,
    `https://app.inloox.com/project/${PROJECT}/extra`,
    'not a url',
  ])('rejects %s', (link) => {
    expect(parseInLooxLink(link, SELF_HOSTED)).toBeUndefined();
  });
});
