/** Project requests: the open requests I can decide, and approving or rejecting them from a shared card. */
import { z } from 'zod';
import {
  MAX_REFRESH_USERS,
  REJECT_REASON_MAX,
  messageCard,
  requestCard,
  type AdaptiveCardJson,
  type Banner,
  type RequestCardInput,
} from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { guidSchema } from '../../shared/domain';
import type { InLooxApi } from '../../shared/inloox/api';
import { isInLooxError } from '../../shared/inloox/errors';
import { requestState } from '../../shared/inloox/requests';
import { MemberRole, type Project } from '../../shared/inloox/types';
import { plainTextToHtml } from '../../shared/sanitize';
import { verb, type Domain, type HandlerContext } from '../domain';
import { apiFor, requireIdentity } from '../turn';

/** Request cards the `requests` command sends at most; the rest wait in InLoox. */
const MAX_REQUEST_CARDS = 10;

/** A request card carries the project and the Teams users who have the card (so their copies refresh too). */
const requestData = z.object({
  projectId: guidSchema,
  viewers: z.array(z.string().min(1).max(200)).max(MAX_REFRESH_USERS).optional(),
});
/** The reject form: the reason comes from the person and is checked by the handler. */
const rejectData = z.looseObject(requestData.shape);

type RequestData = z.output<typeof requestData>;

async function withRequest(c: HandlerContext, data: RequestData) {
  const api = await apiFor(c.deps, c.turn);
  const viewers = [...(data.viewers ?? []), ...(c.turn.userId ? [c.turn.userId] : [])];
  return { api, projectId: data.projectId.toLowerCase(), viewers };
}

/** Who I am in InLoox, from the stored connection (no InLoox call). */
async function whoAmI(c: HandlerContext): Promise<{ contactId: string; name: string }> {
  const status = await c.deps.connections.status(requireIdentity(c.turn));
  return { contactId: status?.inlooxContactId.toLowerCase() ?? '', name: status?.inlooxDisplayName ?? '' };
}

function card(c: HandlerContext, project: Project, input: Omit<RequestCardInput, 'project' | 'url'> = {}) {
  return requestCard(c.turn.ctx, { project, url: c.deps.links.project(project.ProjectId), ...input });
}

const warning = (c: HandlerContext, key: 'requestAlreadyDecided'): Banner => ({
  text: t(c.turn.ctx.locale, key),
  tone: 'warning',
});

/** The request as it is now; a request InLoox no longer has reads as a clear message. */
async function readRequest(c: HandlerContext, api: InLooxApi, projectId: string): Promise<Project | AdaptiveCardJson> {
  try {
    return await api.getProject(projectId);
  } catch (error) {
    if (!isInLooxError(error) || error.kind !== 'not_found') throw error;
    const { locale } = c.turn.ctx;
    return messageCard(c.turn.ctx, {
      title: t(locale, 'notFoundTitle'),
      text: t(locale, 'requestGone'),
      tone: 'warning',
    });
  }
}

const isCard = (value: Project | AdaptiveCardJson): value is AdaptiveCardJson => 'type' in value;

/**
 * Runs a decision once: a request decided meanwhile (by another reviewer, or by this person's earlier send) is shown
 * with its decision and a note that it cannot be decided again, instead of being sent to InLoox a second time.
 */
async function decide(
  c: HandlerContext,
  data: RequestData,
  send: (api: InLooxApi, projectId: string) => Promise<void>,
  after: (project: Project, me: string) => Project,
  alsoDo?: (api: InLooxApi, project: Project) => Promise<Banner | undefined>,
): Promise<AdaptiveCardJson> {
  const { api, projectId, viewers } = await withRequest(c, data);
  const project = await readRequest(c, api, projectId);
  if (isCard(project)) return project;
  if (requestState(project) !== 'open')
    return card(c, project, { viewers, banner: warning(c, 'requestAlreadyDecided') });
  try {
    await send(api, projectId);
  } catch (error) {
    // Refused because someone decided in the meantime: show that decision.
    if (!isInLooxError(error) || (error.kind !== 'validation' && error.kind !== 'conflict')) throw error;
    const now = await readRequest(c, api, projectId);
    if (isCard(now) || requestState(now) === 'open') throw error;
    return card(c, now, { viewers, banner: warning(c, 'requestAlreadyDecided') });
  }
  const me = await whoAmI(c);
  const decided = after(project, me.name);
  const banner = alsoDo ? await alsoDo(api, decided) : undefined;
  return card(c, decided, { viewers, decidedBy: me.name, banner });
}

/** The reason typed into the reject form, or the form again with what was wrong. */
function rejectReason(raw: Record<string, unknown>): { reason: string; tooLong: boolean } {
  const reason = typeof raw.reason === 'string' ? raw.reason.trim() : '';
  return { reason, tooLong: Array.from(reason).length > REJECT_REASON_MAX };
}

async function askFirst(c: HandlerContext, data: RequestData, mode: 'confirmApprove' | 'reject') {
  const { api, projectId, viewers } = await withRequest(c, data);
  const project = await readRequest(c, api, projectId);
  if (isCard(project)) return project;
  if (requestState(project) !== 'open')
    return card(c, project, { viewers, banner: warning(c, 'requestAlreadyDecided') });
  return card(c, project, { viewers, mode });
}

const DECIDING_ROLES: readonly number[] = [MemberRole.Manager, MemberRole.Reviewer];

async function myRequests(c: HandlerContext): Promise<AdaptiveCardJson[]> {
  const api = await apiFor(c.deps, c.turn);
  const { locale } = c.turn.ctx;
  const [page, me] = await Promise.all([api.listProjectRequests(), whoAmI(c)]);
  // InLoox has no filter for "requests I review": each request's members tell (one call per open request).
  const decidable = await Promise.all(
    page.items.map(async (project) => {
      const members = await api.listMembers(project.ProjectId).catch(() => []);
      const mine = members.some((m) => m.ContactId.toLowerCase() === me.contactId && DECIDING_ROLES.includes(m.Role));
      return mine ? project : undefined;
    }),
  );
  const requests = decidable.filter((p): p is Project => !!p);
  if (requests.length === 0)
    return [messageCard(c.turn.ctx, { title: t(locale, 'requestsTitle'), text: t(locale, 'noRequests') })];
  const viewers = c.turn.userId ? [c.turn.userId] : [];
  const cards = requests.slice(0, MAX_REQUEST_CARDS).map((project) => card(c, project, { viewers }));
  if (requests.length > MAX_REQUEST_CARDS || page.nextLink)
    cards.push(
      messageCard(c.turn.ctx, {
        title: t(locale, 'requestsTitle'),
        text: t(locale, 'moreRequests', { shown: Math.min(requests.length, MAX_REQUEST_CARDS) }),
      }),
    );
  return cards;
}

export const requests: Domain = {
  name: 'project requests',
  commands: [
    {
      id: 'requests',
      names: { en: ['requests'], de: ['anträge', 'antraege'] },
      argument: 'none',
      help: { en: 'Project requests for me to decide', de: 'Projektanträge, über die ich entscheide' },
      run: (c) => myRequests(c),
    },
  ],
  verbs: {
    'request.show': verb(requestData, async (c, data) => {
      const { api, projectId, viewers } = await withRequest(c, data);
      const project = await readRequest(c, api, projectId);
      return isCard(project) ? project : card(c, project, { viewers });
    }),
    'request.approve': verb(requestData, (c, data) => askFirst(c, data, 'confirmApprove')),
    'request.approve.confirm': verb(requestData, (c, data) =>
      decide(
        c,
        data,
        (api, id) => api.approveProjectRequest(id),
        (project, me) => ({ ...project, IsRequest: false, LastChangedByName: me }),
      ),
    ),
    'request.reject': verb(requestData, (c, data) => askFirst(c, data, 'reject')),
    'request.reject.confirm': verb(rejectData, async (c, data, raw) => {
      const { reason, tooLong } = rejectReason(raw);
      const { locale } = c.turn.ctx;
      if (tooLong) {
        const { api, projectId, viewers } = await withRequest(c, data);
        const project = await readRequest(c, api, projectId);
        if (isCard(project)) return project;
        return card(c, project, {
          viewers,
          mode: 'reject',
          reason,
          error: t(locale, 'rejectReasonTooLong', { max: REJECT_REASON_MAX }),
        });
      }
      return decide(
        c,
        data,
        (api, id) => api.rejectProjectRequest(id),
        (project, me) => ({ ...project, IsArchived: true, LastChangedByName: me }),
        async (api, project) => {
          if (!reason) return undefined;
          // After the decision, so a refused rejection leaves no comment behind; a lost comment keeps its text.
          try {
            await api.addProjectNote(project.ProjectId, plainTextToHtml(t(locale, 'rejectReasonComment', { reason })));
            return undefined;
          } catch {
            return { text: t(locale, 'rejectReasonNotSaved', { reason }), tone: 'warning' };
          }
        },
      );
    }),
  },
};
