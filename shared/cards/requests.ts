/** The project request card: what was asked, and Approve / Reject with a confirmation step, or the decision. */
import { requestState, type RequestState } from '../inloox/requests';
import type { Project } from '../inloox/types';
import { capText, htmlToPlainText } from '../sanitize';
import { action, facts, type Banner, type Choice, type Tone } from './common';
import { formatDate, truncate, type CardContext } from './format';
import { renderCard, type AdaptiveCardJson } from './render';
import { stringsFor, t } from './strings';
import requestTemplate from './templates/request.json';
import type { Verb } from './verbs';

/** Longest rejection reason (characters); the template's input has the same maxLength. */
export const REJECT_REASON_MAX = 1000;
/** Teams refreshes a card automatically for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;

export type RequestCardMode = 'view' | 'confirmApprove' | 'reject';

export interface RequestCardInput {
  project: Project;
  /** What the card offers: the decision buttons, the approve question, or the reject form. */
  mode?: RequestCardMode;
  /** The name of whoever decided, when InLoox does not tell (right after the person's own decision). */
  decidedBy?: string;
  banner?: Banner;
  /** Reject form: the typed reason and what was wrong with it. */
  reason?: string;
  error?: string;
  url?: string;
  /** Teams users whose copy of the card refreshes itself (the reviewers who have it). */
  viewers?: string[];
}

interface ActionFill {
  title: string;
  verb: Verb;
  style: 'default' | 'positive' | 'destructive';
  data: Record<string, unknown>;
}

const STATUS: Record<RequestState, { key: 'requestOpen' | 'requestApproved' | 'requestRejected'; color: string }> = {
  open: { key: 'requestOpen', color: 'Accent' },
  approved: { key: 'requestApproved', color: 'Good' },
  rejected: { key: 'requestRejected', color: 'Attention' },
};

function actionsFor(ctx: CardContext, state: RequestState, mode: RequestCardMode, data: Record<string, unknown>) {
  const s = stringsFor(ctx.locale);
  const plain = (title: string, verb: Verb, style: ActionFill['style'] = 'default'): ActionFill => ({
    ...action(title, verb, data),
    style,
  });
  if (state !== 'open') return [];
  if (mode === 'confirmApprove')
    return [
      plain(s.actionConfirmApprove, 'request.approve.confirm', 'positive'),
      plain(s.actionCancel, 'request.show'),
    ];
  if (mode === 'reject')
    return [
      plain(s.actionConfirmReject, 'request.reject.confirm', 'destructive'),
      plain(s.actionCancel, 'request.show'),
    ];
  return [
    plain(s.actionApprove, 'request.approve', 'positive'),
    plain(s.actionReject, 'request.reject', 'destructive'),
  ];
}

export function requestCard(ctx: CardContext, input: RequestCardInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const { project } = input;
  const state = requestState(project);
  const mode = state === 'open' ? (input.mode ?? 'view') : 'view';
  const viewers = [...new Set(input.viewers ?? [])].slice(-MAX_REFRESH_USERS);
  const data: Record<string, unknown> = { projectId: project.ProjectId, ...(viewers.length ? { viewers } : {}) };
  const decider = input.decidedBy || project.LastChangedByName || '?';
  const decision =
    state === 'approved'
      ? t(ctx.locale, 'requestApprovedBy', { name: decider })
      : state === 'rejected'
        ? t(ctx.locale, 'requestRejectedBy', { name: decider })
        : '';
  const factList: Choice[] = facts(
    [
      [s.fieldStart, formatDate(project.StartDate, ctx)],
      [s.fieldEnd, formatDate(project.EndDate, ctx)],
      [s.fieldClient, project.ClientName],
      [s.fieldAskedBy, project.CreatedByName],
      [s.fieldAskedOn, formatDate(project.CreatedDateTime, ctx)],
      [s.fieldReviewers, project.ReviewerProjectContact ? capText(project.ReviewerProjectContact, 300) : ''],
    ],
    ctx.locale,
  );
  const fill = {
    banner: input.banner?.text ?? '',
    bannerStyle: input.banner?.tone ?? 'default',
    kindLine: project.Number ? `${s.kindRequest} ${project.Number}` : s.kindRequest,
    name: truncate(project.Name || '?', 255),
    statusText: s[STATUS[state].key],
    statusColor: STATUS[state].color,
    facts: factList,
    description: project.DescriptionHTML
      ? htmlToPlainText(project.DescriptionHTML, 1500)
      : capText(project.DescriptionText ?? '', 1500),
    decision,
    decisionStyle: (state === 'approved' ? 'good' : 'attention') satisfies Tone,
    question: mode === 'confirmApprove' ? s.confirmApproveText : mode === 'reject' ? s.confirmRejectText : '',
    error: input.error ?? '',
    askReason: mode === 'reject',
    reason: capText(input.reason ?? '', REJECT_REASON_MAX),
    actions: actionsFor(ctx, state, mode, data),
    url: input.url ?? '',
  };
  // Only the plain view refreshes: an automatic refresh must not take away a question or form someone is answering.
  if (mode !== 'view') return renderCard(requestTemplate, fill, ctx);
  return renderCard(requestTemplate, fill, ctx, {
    refresh: { verb: 'request.show', data, ...(viewers.length ? { userIds: viewers } : {}) },
  });
}
