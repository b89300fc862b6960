/**
 * The add-in's JSON API under /addin/api/. Every route establishes the caller first (SSO token in production,
 * development identity on loopback in local mode), reaches InLoox only through the shared connection service,
 * and answers failures as typed, localized ApiErrorBody.
 */
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { AppServices } from '../../server/app-services';
import { finalErrorHandler, notFoundHandler, requestLocale } from '../../server/api-errors';
import { AppError } from '../../shared/errors/app-error';
import { jsonRoute as route } from '../../server/json-route';
import { requireJsonWrites, type IdentifyRequest } from '../../server/request-identity';
import type { InLooxLinks } from '../../shared/inloox/api';
import { isInLooxError } from '../../shared/inloox/errors';
import { sharedHtmlSanitizer, type HtmlSanitizer } from '../../shared/sanitize/pool';
import { projectNamesOf } from '../../shared/inloox/project-names';
import type { ConnectionInfo } from '../../shared/keystore/types';
import { identityKey } from '../../shared/identity';
import { createOnce } from '../../shared/state/once';
import {
  LIMITS,
  type AddNoteResponse,
  type ContactOption,
  type CreateTaskResponse,
  type MeResponse,
  type PreviewRequest,
  type PreviewResponse,
  type ProjectOption,
  type SearchResponse,
  type TaskOption,
} from '../contract';
import { customFieldRoutes, readTaskFields, writeTaskFields } from './custom-fields';
import { filingRoutes, rememberMail } from './filings';
import { outlookWebLink } from './mail-link';
import { quickTaskRoutes, rememberLastProject } from './quick-task';
import { timeRoutes } from './time';
import { parseApiKey, parseCreateTask, parseNote, parsePreview, parseSearch, parseTaskId } from './validation';

export type { IdentifyRequest };

function toMe(info: ConnectionInfo | undefined, mode: MeResponse['mode']): MeResponse {
  if (!info) return { connected: false, needsReconnect: false, mode };
  return {
    connected: !info.needsReconnect,
    needsReconnect: info.needsReconnect,
    user: { contactId: info.inlooxContactId, displayName: info.inlooxDisplayName, email: info.inlooxEmail ?? null },
    mode,
  };
}

const PLAIN_TEXT_TAGS = new Set([
  'html',
  'head',
  'body',
  'meta',
  'div',
  'p',
  'br',
  'span',
  'pre',
  'font',
  'tt',
  'a',
  'style',
  'title',
]);

/**
 * Outlook hands plain-text mails to add-ins as HTML (text with <br> or <pre>). Such a body has no formatting to
 * keep, and its quoted history ("-----Original Message-----", "> " lines) is only recognisable as text.
 */
export function looksLikePlainText(html: string): boolean {
  if (!html.trim()) return true;
  for (const match of html.matchAll(/<\s*([a-z][a-z0-9]*)\b/gi)) {
    if (!PLAIN_TEXT_TAGS.has(match[1]!.toLowerCase())) return false;
  }
  return !/\bstyle\s*=\s*["'][^"']*(color|background|font-weight|font-style|text-decoration)/i.test(html);
}

export function addinApiRouter(services: AppServices, identify: IdentifyRequest, links: InLooxLinks): Router {
  const { config, connections, state, filings } = services;
  const sanitizer: HtmlSanitizer = services.sanitizer ?? sharedHtmlSanitizer();
  /** The description as stored: the allow-list pass again (whatever the page sent), within InLoox's size budget. */
  const storedDescription = (html: string, req: express.Request) =>
    sanitizer.storedDescription(html, requestLocale(req), LIMITS.storedDescriptionMaxBytes);
  /** The mail's description as the pane previews it and the quick task stores it: header + sanitized body. */
  const compose = ({ email, trimQuoted, timeZone }: PreviewRequest, req: express.Request) =>
    sanitizer.composeEmailDescription(
      {
        subject: email.subject,
        ...(email.from ? { from: { displayName: email.from.name, emailAddress: email.from.email } } : {}),
        to: email.to.map((a) => ({ displayName: a.name, emailAddress: a.email })),
        cc: email.cc.map((a) => ({ displayName: a.name, emailAddress: a.email })),
        ...(email.date ? { date: email.date } : {}),
        ...(email.bodyText && looksLikePlainText(email.bodyHtml)
          ? { bodyText: email.bodyText }
          : { bodyHtml: email.bodyHtml, ...(email.bodyText ? { bodyText: email.bodyText } : {}) }),
        attachments: email.attachments ?? [],
        mailLink: outlookWebLink(email.restId),
      },
      {
        locale: requestLocale(req),
        trimQuotedHistory: trimQuoted,
        maxLength: LIMITS.storedDescriptionMaxBytes,
        ...(timeZone ? { timeZone } : {}),
      },
    );
  const router = express.Router();
  // Writes only as same-origin JSON: the local development identity is ambient, like a cookie.
  router.use(requireJsonWrites());
  const small = express.json({ limit: '8kb' });
  // Email bodies with embedded inline images; the schemas cap each field further.
  const large = express.json({ limit: '6mb' });

  router.get(
    '/me',
    route(identify, async (identity) => toMe(await connections.status(identity), config.mode)),
  );

  router.post(
    '/connect',
    small,
    route(identify, async (identity, req) => {
      const apiKey = parseApiKey(req.body);
      try {
        return toMe(await connections.connect(identity, apiKey, { clientAddress: req.ip }), config.mode);
      } catch (error) {
        if (isInLooxError(error) && error.kind === 'auth') {
          throw new AppError('invalid_key', { field: 'apiKey' });
        }
        throw error;
      }
    }),
  );

  router.post(
    '/disconnect',
    small,
    route(identify, async (identity) => {
      await connections.disconnect(identity);
      return toMe(undefined, config.mode);
    }),
  );

  router.get(
    '/projects',
    route(identify, async (identity, req): Promise<SearchResponse<ProjectOption>> => {
      const search = parseSearch(req.query.q);
      const api = await connections.apiFor(identity);
      const page = await api.listProjects({
        ...(search ? { search } : {}),
        top: LIMITS.searchResults,
        favoritesFirst: true,
      });
      return {
        items: page.items.map((p) => ({
          id: p.ProjectId,
          name: p.Name,
          number: p.Number ?? null,
          favorite: p.IsFavorite === true,
        })),
      };
    }),
  );

  router.get(
    '/contacts',
    route(identify, async (identity, req): Promise<SearchResponse<ContactOption>> => {
      const search = parseSearch(req.query.q);
      const api = await connections.apiFor(identity);
      const page = await api.listContacts({ ...(search ? { search } : {}), top: LIMITS.searchResults });
      return {
        items: page.items.map((c) => ({
          id: c.ContactId,
          name: c.DisplayName || [c.FirstName, c.LastName].filter(Boolean).join(' ') || c.Email || c.ContactId,
          email: c.Email ?? null,
        })),
      };
    }),
  );

  router.get(
    '/tasks',
    route(identify, async (identity, req): Promise<SearchResponse<TaskOption>> => {
      const search = parseSearch(req.query.q);
      const api = await connections.apiFor(identity);
      const page = await api.listTasks({ ...(search ? { search } : {}), open: true, top: LIMITS.searchResults });
      const names = await projectNamesOf(api, page.items);
      return {
        items: page.items.map((t) => ({
          id: t.TaskItemId,
          name: t.Name ?? '',
          projectId: t.ProjectId ?? null,
          projectName: t.ProjectId ? (names.get(t.ProjectId.toLowerCase())?.Name ?? null) : null,
          endDateTime: t.EndDateTime ?? null,
          billable: t.IsBillable === true,
        })),
      };
    }),
  );

  router.post(
    '/preview',
    large,
    route(identify, async (_identity, req): Promise<PreviewResponse> => {
      const composed = await compose(parsePreview(req.body), req);
      return { html: composed.html, truncated: composed.truncated };
    }),
  );

  router.post(
    '/tasks',
    large,
    route(identify, async (identity, req): Promise<CreateTaskResponse> => {
      const input = parseCreateTask(req.body);
      const api = await connections.apiFor(identity);
      const fields = await readTaskFields(api, input, req);
      // A double click or a retry of the same form answers with the task the first send created.
      const { result } = await createOnce(state, identityKey(identity), input.formId, async () => {
        const task = await api.createTask(
          {
            Name: input.name,
            ProjectId: input.projectId,
            StartDateTime: input.startDateTime,
            EndDateTime: input.endDateTime,
            WorkAmount: input.workAmount,
            ...(input.assigneeId ? { ContactId: input.assigneeId } : {}),
            DescriptionHTML: await storedDescription(input.descriptionHtml, req),
          },
          // The answer needs only the new id; what else it shows is what was sent.
          { readBack: false },
        );
        const fieldsNotSaved = await writeTaskFields(api, fields, task.TaskItemId, requestLocale(req));
        return {
          task: {
            id: task.TaskItemId,
            name: task.Name ?? input.name,
            projectId: task.ProjectId ?? input.projectId ?? null,
          },
          link: links.task(task.TaskItemId),
          ...(fieldsNotSaved ? { fieldsNotSaved } : {}),
        };
      });
      await rememberMail(filings, identity, input.mail, { kind: 'task', id: result.task.id });
      await rememberLastProject(state, identity, input.projectId);
      return result;
    }),
  );

  router.post(
    '/tasks/:taskId/notes',
    large,
    route(identify, async (identity, req): Promise<AddNoteResponse> => {
      const taskId = parseTaskId(req.params.taskId);
      const { html, mail, formId } = parseNote(req.body);
      const api = await connections.apiFor(identity);
      const stored = await storedDescription(html, req);
      await createOnce(state, identityKey(identity), formId && `task-note:${formId}`, () =>
        api.addTaskNote(taskId, stored),
      );
      await rememberMail(filings, identity, mail, { kind: 'task', id: taskId });
      return { taskId, link: links.task(taskId) };
    }),
  );

  router.use(customFieldRoutes(identify, connections));
  router.use(filingRoutes(identify, { connections, filings, state, links, storedDescription }));
  router.use(quickTaskRoutes(identify, { connections, filings, state, links, compose }));
  router.use(timeRoutes(identify, { connections, filings, state, links }));
  router.use(notFoundHandler());
  // A body over the limit here is an email with its inline images: say so in those words.
  const emailTooLarge: ErrorRequestHandler = (error: { type?: string }, _req, _res, next) => {
    next(error?.type === 'entity.too.large' ? new AppError('too_large', { invalidReason: 'email_too_large' }) : error);
  };
  router.use(emailTooLarge, finalErrorHandler());
  return router;
}
