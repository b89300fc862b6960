/** The Bot Framework edge: maps Teams activities to the pure handlers in registry.ts / search.ts / extensions/. */
import { TeamsActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { messageCard, type AdaptiveCardJson } from '../shared/cards';
import { t } from '../shared/cards/strings';
import { looksLikeApiKey } from './commands';
import { parseCommand, runAction, runCommand } from './registry';
import type { BotDeps, Turn } from './turn';
import { errorCard, errorSummary, presentError } from './errors';
import { CREATE_TASK_COMMAND, fetchCreateTask, submitCreateTask, unknownCommand } from './extensions/create-task';
import { ADAPTIVE_CARD, extensionMessage } from './extensions/responses';
import { runExtensionSearch } from './extensions/search';
import { runUnfurl } from './extensions/unfurl';
import { cardContextFromActivity, identityFromActivity, type ActivityLike, type IdentityOptions } from './identity';
import { runSearch } from './search';
import { conversationRefOf } from './proactive';

const invoke = (body: unknown, status = 200): InvokeResponse => ({ status, body });
const asAttachment = (card: AdaptiveCardJson) => ({ contentType: ADAPTIVE_CARD, content: card });

export class InLooxTeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly deps: BotDeps,
    private readonly options: IdentityOptions,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.rememberConversation(context);
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const added = context.activity.membersAdded ?? [];
      const isPersonal = context.activity.conversation?.conversationType === 'personal';
      if (added.some((member) => member.id === botId || isPersonal)) {
        await this.rememberConversation(context);
        const cards = await runCommand(this.deps, this.turn(context), {
          kind: 'command',
          id: 'greeting',
          argument: '',
        });
        for (const card of cards) await context.sendActivity({ attachments: [asAttachment(card)] });
      }
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersRemoved ?? []).some((member) => member.id === botId))
        await this.forgetConversation(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forgetConversation(context);
      await next();
    });
  }

  /** Where to write to the person later (notifications): personal chats only, on every activity of theirs. */
  private async rememberConversation(context: TurnContext): Promise<void> {
    const notify = this.deps.notify;
    if (!notify || context.activity.conversation?.conversationType !== 'personal') return;
    const turn = this.turn(context);
    if (!turn.identity) return;
    try {
      await notify.remember(
        turn.identity,
        {
          reference: conversationRefOf(context.activity),
          locale: turn.ctx.locale,
          timeZone: turn.ctx.timeZone ?? 'UTC',
        },
        Date.now(),
      );
    } catch (error) {
      this.deps.log('notify_remember_failed', errorSummary(error));
    }
  }

  private async forgetConversation(context: TurnContext): Promise<void> {
    const identity = this.turn(context).identity;
    if (!identity || !this.deps.notify) return;
    try {
      await this.deps.notify.forget(identity);
    } catch (error) {
      this.deps.log('notify_forget_failed', errorSummary(error));
    }
  }

  private turn(context: TurnContext): Turn {
    const activity = context.activity as unknown as ActivityLike;
    return {
      identity: identityFromActivity(activity, this.options),
      ctx: cardContextFromActivity(activity),
      conversationId: String(context.activity.conversation?.id ?? '').slice(0, 300),
      ...(typeof activity.from?.id === 'string' && activity.from.id ? { userId: activity.from.id.slice(0, 200) } : {}),
    };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = this.turn(context);
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      // Action.Submit fallback of a card: same router, then the card is replaced in place.
      const { verb, ...data } = value;
      const card = await runAction(this.deps, turn, verb, data);
      await this.replaceCard(context, card);
      return;
    }
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    if (looksLikeApiKey(text)) {
      const card = messageCard(turn.ctx, {
        title: t(turn.ctx.locale, 'keyInChatTitle'),
        text: t(turn.ctx.locale, 'keyInChat'),
        tone: 'warning',
        actions: [{ title: t(turn.ctx.locale, 'actionConnect'), verb: 'connect.show', data: {} }],
      });
      await context.sendActivity({ attachments: [asAttachment(card)] });
      return;
    }
    const cards = await runCommand(this.deps, turn, parseCommand(text));
    for (const card of cards) await context.sendActivity({ attachments: [asAttachment(card)] });
  }

  private async replaceCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
    const replyToId = context.activity.replyToId;
    if (replyToId) {
      try {
        await context.updateActivity({ id: replyToId, type: 'message', attachments: [asAttachment(card)] });
        return;
      } catch (error) {
        this.deps.log('update_activity_failed', errorSummary(error));
      }
    }
    await context.sendActivity({ attachments: [asAttachment(card)] });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    await this.rememberConversation(context);
    const turn = this.turn(context);
    const value = context.activity.value as unknown;
    try {
      switch (context.activity.name) {
        case 'adaptiveCard/action':
          return invoke(await this.adaptiveCardAction(turn, value));
        case 'application/search':
          return invoke(await runSearch(this.deps, turn, value));
        case 'composeExtension/fetchTask':
          return invoke(
            this.isCreateTask(value) ? await fetchCreateTask(this.deps, turn, value) : unknownCommand(turn),
          );
        case 'composeExtension/submitAction':
          return invoke(
            this.isCreateTask(value) ? await submitCreateTask(this.deps, turn, value) : unknownCommand(turn),
          );
        case 'composeExtension/query':
          return invoke(await runExtensionSearch(this.deps, turn, value));
        case 'composeExtension/queryLink':
          return invoke(await runUnfurl(this.deps, turn, value));
        default:
          return await super.onInvokeActivity(context);
      }
    } catch (error) {
      this.deps.log('invoke_failed', { name: String(context.activity.name).slice(0, 60), ...errorSummary(error) });
      if (String(context.activity.name).startsWith('composeExtension/'))
        return invoke(extensionMessage(presentError(error, turn.ctx.locale, this.deps.log).text));
      return invoke({ statusCode: 200, type: ADAPTIVE_CARD, value: errorCard(turn.ctx, error, this.deps.log) });
    }
  }

  private isCreateTask(value: unknown): boolean {
    return !!value && typeof value === 'object' && (value as Record<string, unknown>).commandId === CREATE_TASK_COMMAND;
  }

  private async adaptiveCardAction(turn: Turn, value: unknown) {
    const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    const action = (record.action && typeof record.action === 'object' ? record.action : {}) as Record<string, unknown>;
    if (record.trigger === 'automatic') {
      // A refresh for someone who is not connected keeps the card as it is instead of showing them an error.
      const status = turn.identity ? await this.deps.connections.status(turn.identity) : undefined;
      if (!status || status.needsReconnect)
        return {
          statusCode: 200,
          type: 'application/vnd.microsoft.activity.message',
          value: t(turn.ctx.locale, 'notConnectedTitle'),
        };
    }
    const card = await runAction(this.deps, turn, action.verb, action.data ?? {});
    return { statusCode: 200, type: ADAPTIVE_CARD, value: card };
  }
}
