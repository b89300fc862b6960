import { describe, expect, it } from 'vitest';
import { projectCard, taskCard } from '../../shared/cards';
import { neutralizeMarkup } from '../../shared/cards/render';
import type { Project, Task } from '../../shared/inloox/types';
import { assertValidCard } from '../helpers/cards';

const HOSTILE = 'Agenda <img src=x onerror=alert(1)> <b>bold</b> a<b and 3 < 4';

function displayTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => displayTexts(item, out));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if ((record.type === 'TextBlock' || record.type === 'TextRun') && typeof record.text === 'string')
      out.push(record.text);
    if (record.type === 'FactSet' && Array.isArray(record.facts)) {
      for (const fact of record.facts as { title: string; value: string }[]) out.push(fact.title, fact.value);
    }
    Object.values(record).forEach((value) => displayTexts(value, out));
  }
  return out;
}

describe('card text from InLoox data', () => {
  it('keeps the text readable but never lets a client take it for a tag', () => {
    const neutral = neutralizeMarkup(HOSTILE);
    expect(neutral).not.toMatch(/<[A-Za-z/!?]/);
    expect(neutral.replace(/\u2060/g, '')).toBe(HOSTILE);
    expect(neutralizeMarkup('3 < 4 and a <= b')).toBe('3 < 4 and a <= b');
  });

  it('neutralizes names, descriptions and facts on task and project cards, not input values or ids', async () => {
    const task: Task = {
      TaskItemId: '11111111-1111-4111-8111-111111111111',
      Name: HOSTILE,
      IsDone: false,
      WorkAmount: 2,
      ContactDisplayName: '<i>Ann</i>',
      DescriptionHTML: '<p>&lt;script&gt;alert(2)&lt;/script&gt; see <b>this</b></p>',
    };
    const project: Project = {
      ProjectId: '22222222-2222-4222-8222-222222222222',
      Name: HOSTILE,
      Priority: 1,
      DescriptionText: '<svg onload=alert(3)>',
    };
    const cards = [
      { card: taskCard({ locale: 'en' }, { task }), id: task.TaskItemId },
      { card: projectCard({ locale: 'de' }, { project, members: [], openTasks: [] }), id: project.ProjectId },
    ];
    for (const { card, id } of cards) {
      await assertValidCard(card);
      const texts = displayTexts(card);
      expect(texts.join('\n').replace(/\u2060/g, '')).toContain('Agenda <img src=x onerror=alert(1)>');
      for (const text of texts) expect(text).not.toMatch(/<[A-Za-z/!?]/);
      expect(JSON.stringify(card)).toContain(`"${id}"`);
    }
  });
});
