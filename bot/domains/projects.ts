/** Projects: find, show, create, edit, archive and delete. */
import { LIMITS } from '../../shared/domain/limits';
import { z } from 'zod';
import {
  EMPTY_PROJECT_FORM,
  confirmCard,
  messageCard,
  projectTitle,
  type AdaptiveCardJson,
  type ProjectFormValues,
} from '../../shared/cards';
import { toDateInput } from '../../shared/cards/format';
import { t } from '../../shared/cards/strings';
import { isInLooxError } from '../../shared/inloox/errors';
import type { Project } from '../../shared/inloox/types';
import { htmlToPlainText, plainTextToHtml } from '../../shared/sanitize';
import { verb, type Domain, type HandlerContext } from '../domain';
import { errorCard, errorReason } from '../errors';
import { submitEditForm } from '../forms';
import type { Banner } from '../../shared/cards';
import { readCreateFields, writeCreateFields } from '../custom-field-create';
import { loadProjectCard, loadProjectForm, notFoundCard } from '../loaders';
import { apiFor, banner } from '../turn';
import {
  idSchemas,
  newFormSchema,
  parseCardData,
  projectFormSchema,
  projectFormValues,
  toProjectInput,
} from '../validation';
import { createFormData, formIdOf, submitOnce } from '../once';
import { listPage } from './lists';
import { explainRefusal, lockedCard } from './project-extras';
import { isProjectLocked } from '../../shared/cards/project-extras';
import { originalOf, parseFormExtras, planEdit, writePlan } from '../project-form-extras';
import { checkCategoriesExist, createWithNumber, numberForCreate, setCreatedCategories } from '../project-form-create';

/** The form's inputs are checked by the handler, so a mistake brings the form back with what was typed. */
const formData = createFormData;
const projectData = idSchemas.project;
/** Edit forms: the project id travels in the card, the inputs come from the person. */
const projectFormData = z.looseObject(idSchemas.project.shape);

function projectToFormValues(project: Project, timeZone: string | undefined): ProjectFormValues {
  return {
    name: project.Name,
    start: toDateInput(project.StartDate, timeZone),
    end: toDateInput(project.EndDate, timeZone),
    priority: String(project.Priority ?? 1),
    clientId: project.ClientId ?? '',
    description: htmlToPlainText(project.DescriptionHTML ?? project.DescriptionText ?? '', 10_000),
    numberPrefix: project.NumberPrefix ?? '',
    numberSuffix: project.NumberSuffix ?? '',
    categoryIds: '',
  };
}

async function withProject({ deps, turn }: HandlerContext, data: { projectId: string }) {
  return { api: await apiFor(deps, turn), projectId: data.projectId.toLowerCase() };
}

/** Archive and delete both ask first, naming the project as it is now. */
async function askToConfirm(c: HandlerContext, data: { projectId: string }, kind: 'archiveProject' | 'deleteProject') {
  const { api, projectId } = await withProject(c, data);
  const project = await api.getProject(projectId);
  return confirmCard(c.turn.ctx, kind, { id: projectId, name: projectTitle(project) });
}

async function createProjectFromForm(
  { deps, turn }: HandlerContext,
  data: Record<string, unknown>,
): Promise<AdaptiveCardJson> {
  const { ctx } = turn;
  const api = await apiFor(deps, turn);
  const values = projectFormValues(data);
  const formId = formIdOf(data);
  let form;
  let numberAndCategories;
  try {
    form = parseCardData(projectFormSchema, data, ctx.locale);
    numberAndCategories = parseFormExtras(data, ctx);
    await checkCategoriesExist(api, ctx, numberAndCategories.categoryIds);
  } catch (error) {
    return loadProjectForm(api, ctx, {
      mode: 'create',
      values,
      error: t(ctx.locale, 'formFixErrors', { errors: errorReason(ctx, error) }),
      formId,
      customInputs: data,
    });
  }
  const extra = await readCreateFields(api, ctx, 'Project', data);
  if (extra.errors.length)
    return loadProjectForm(api, ctx, {
      mode: 'create',
      values,
      error: t(ctx.locale, 'formFixErrors', { errors: extra.errors.join(' ') }),
      formId,
      customInputs: data,
    });
  const html = form.description.trim() ? plainTextToHtml(form.description) : undefined;
  const input = { ...toProjectInput(form, ctx.timeZone, html), ...numberForCreate(numberAndCategories) };
  try {
    let created: Project | undefined;
    let notSaved: Banner | undefined;
    return await submitOnce(
      deps,
      turn,
      data,
      async () => {
        const project = await createWithNumber(api, ctx, input);
        created = project;
        const categoryIds = numberAndCategories.categoryIds ?? [];
        if (categoryIds.length) {
          // The card reads the project again, with its categories.
          created = undefined;
          notSaved = await setCreatedCategories(api, ctx, project.ProjectId, categoryIds);
        }
        notSaved = (await writeCreateFields(api, ctx, extra, project.ProjectId, deps.log)) ?? notSaved;
        return { projectId: project.ProjectId };
      },
      (result) =>
        loadProjectCard(deps, api, ctx, created ?? result.projectId, {
          banner: notSaved ?? banner(ctx, 'projectCreated'),
        }),
    );
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'auth') throw error;
    const reason = t(ctx.locale, 'createFailed', { reason: errorReason(ctx, error) });
    return loadProjectForm(api, ctx, { mode: 'create', values, error: reason, formId, customInputs: data }).catch(() =>
      errorCard(ctx, error, deps.log),
    );
  }
}

async function newProjectForm({ deps, turn }: HandlerContext, name: string): Promise<AdaptiveCardJson> {
  const api = await apiFor(deps, turn);
  return loadProjectForm(api, turn.ctx, { mode: 'create', values: { ...EMPTY_PROJECT_FORM, name } });
}

export const projects: Domain = {
  name: 'projects',
  commands: [
    {
      id: 'project',
      names: { en: ['project'], de: ['projekt'] },
      argument: 'optional',
      usage: { en: '‹name or number›', de: '‹Name oder Nummer›' },
      help: { en: 'Show a project', de: 'Ein Projekt anzeigen' },
      welcome: true,
      run: async (c, argument) => {
        if (!argument) return [await listPage(c, { kind: 'projects', search: '', mine: false, skip: 0 })];
        const api = await apiFor(c.deps, c.turn);
        const project = await api.findProject(argument.slice(0, LIMITS.search));
        if (!project) return [notFoundCard(c.turn.ctx, 'projectNotFound', argument)];
        return [await loadProjectCard(c.deps, api, c.turn.ctx, project)];
      },
    },
    {
      id: 'newProject',
      names: { en: ['new project'], de: ['neues projekt'] },
      argument: 'optional',
      usage: { en: '[name]', de: '[Name]' },
      help: { en: 'Create a project', de: 'Ein Projekt erstellen' },
      welcome: true,
      run: async (c, argument) => [await newProjectForm(c, argument.slice(0, 255))],
    },
  ],
  verbs: {
    'project.show': verb(projectData, async (c, data) => {
      const { api, projectId } = await withProject(c, data);
      return loadProjectCard(c.deps, api, c.turn.ctx, projectId);
    }),
    'project.new': verb(newFormSchema, (c, { name }) => newProjectForm(c, name)),
    'project.create': verb(formData, (c, _data, raw) => createProjectFromForm(c, raw)),
    'project.edit': verb(projectData, async (c, data) => {
      const { api, projectId } = await withProject(c, data);
      const project = await api.getProject(projectId);
      if (isProjectLocked(project)) return lockedCard(c.turn.ctx, projectTitle(project));
      return loadProjectForm(api, c.turn.ctx, {
        mode: 'edit',
        projectId,
        values: projectToFormValues(project, c.turn.ctx.timeZone),
        project,
      });
    }),
    'project.update': verb(projectFormData, async (c, data, raw) => {
      const { api, projectId } = await withProject(c, data);
      const { ctx } = c.turn;
      const values = projectFormValues(raw);
      const original = originalOf(raw);
      return submitEditForm(
        ctx,
        () => ({ ...parseCardData(projectFormSchema, raw, ctx.locale), extras: parseFormExtras(raw, ctx) }),
        (error) => loadProjectForm(api, ctx, { mode: 'edit', projectId, values, error, original }),
        async (form, html) => {
          const plan = await planEdit(api, ctx, projectId, form.extras, original);
          await writePlan(api, ctx, projectId, plan);
          const project = await api.updateProject(projectId, toProjectInput(form, ctx.timeZone, html));
          return loadProjectCard(c.deps, api, ctx, project, { banner: banner(ctx, 'projectUpdated') });
        },
      ).catch((error: unknown) => explainRefusal(api, ctx, projectId, error));
    }),
    'project.archive': verb(projectData, (c, data) => askToConfirm(c, data, 'archiveProject')),
    'project.archive.confirm': verb(projectData, async (c, data) => {
      const { api, projectId } = await withProject(c, data);
      const project = await api.archiveProject(projectId);
      return loadProjectCard(c.deps, api, c.turn.ctx, project, { banner: banner(c.turn.ctx, 'projectArchived') });
    }),
    'project.delete': verb(projectData, (c, data) => askToConfirm(c, data, 'deleteProject')),
    'project.delete.confirm': verb(projectData, async (c, data) => {
      const { api, projectId } = await withProject(c, data);
      const { locale } = c.turn.ctx;
      const project = await api.getProject(projectId);
      await api.deleteProject(projectId);
      return messageCard(c.turn.ctx, {
        title: t(locale, 'projectDeletedTitle'),
        text: t(locale, 'projectDeletedText', { name: projectTitle(project) }),
        tone: 'good',
        actions: [{ title: t(locale, 'actionProjects'), verb: 'projects.list', data: {} }],
      });
    }),
  },
};
