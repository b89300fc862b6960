/** Cards of connecting and orientation: welcome, help, connect, connected, disconnected. */
import type { UserInfo } from '../inloox/types';
import { action, contactName, type Choice } from './common';
import { truncate, type CardContext } from './format';
import { messageCard } from './message';
import { renderCard, type AdaptiveCardJson, type CardAction } from './render';
import { stringsFor, t } from './strings';
import connectTemplate from './templates/connect.json';
import helpTemplate from './templates/help.json';
import welcomeTemplate from './templates/welcome.json';

/** One line of the command list: the command as typed (title) and what it does (value), in the person's language. */
export type CommandHelp = Choice;

interface WelcomeTemplateData {
  commands: CommandHelp[];
  hint: string;
  actions: CardAction[];
}

interface HelpTemplateData {
  intro: string;
  suggestion: string;
  commands: CommandHelp[];
  actions: CardAction[];
}

interface ConnectTemplateData {
  error: string;
}

export function welcomeCard(
  ctx: CardContext,
  options: { commands: CommandHelp[]; connectedAs?: string },
): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const connected = options.connectedAs !== undefined;
  const data: WelcomeTemplateData = {
    commands: options.commands,
    hint: connected ? t(ctx.locale, 'welcomeConnectedHint', { name: options.connectedAs ?? '' }) : s.welcomeConnectHint,
    actions: connected
      ? [
          action(s.actionMyTasks, 'tasks.list', { mine: true }),
          action(s.actionProjects, 'projects.list'),
          action(s.actionNewTask, 'task.new'),
        ]
      : [action(s.actionConnect, 'connect.show'), action(s.actionHelp, 'help')],
  };
  return renderCard(welcomeTemplate, data, ctx);
}

/** The command list; `unknownText` and `closest` explain a message that was not understood. */
export function helpCard(
  ctx: CardContext,
  options: { commands: CommandHelp[]; unknownText?: string; closest?: string },
): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const data: HelpTemplateData = {
    intro:
      options.unknownText !== undefined
        ? t(ctx.locale, 'helpUnknown', { text: truncate(options.unknownText, 60) })
        : '',
    suggestion: options.closest ? t(ctx.locale, 'helpClosest', { command: options.closest }) : '',
    commands: options.commands,
    actions: [
      action(s.actionMyTasks, 'tasks.list', { mine: true }),
      action(s.actionProjects, 'projects.list'),
      action(s.actionNewTask, 'task.new'),
    ],
  };
  return renderCard(helpTemplate, data, ctx);
}

/** The connect form. `error` says why the last try failed; the entered key is never put back into the card. */
export function connectCard(ctx: CardContext, options: { error?: string } = {}): AdaptiveCardJson {
  const data: ConnectTemplateData = { error: options.error ?? '' };
  return renderCard(connectTemplate, data, ctx);
}

export function connectedCard(
  ctx: CardContext,
  user: Pick<UserInfo, 'DisplayName' | 'FirstName' | 'LastName' | 'Email'>,
): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  return messageCard(ctx, {
    title: s.connectedTitle,
    text: t(ctx.locale, 'connectedText', { name: contactName(user) }),
    tone: 'good',
    actions: [
      action(s.actionMyTasks, 'tasks.list', { mine: true }),
      action(s.actionProjects, 'projects.list'),
      action(s.actionHelp, 'help'),
    ],
  });
}

export function disconnectedCard(ctx: CardContext, wasConnected: boolean): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  return messageCard(ctx, {
    title: s.disconnectedTitle,
    text: wasConnected ? s.disconnectedText : s.notConnectedBefore,
    tone: 'default',
    actions: [action(s.actionConnect, 'connect.show')],
  });
}
