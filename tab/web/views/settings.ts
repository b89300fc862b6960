import { formatDateTime } from '../../../ui/dates';
import { h } from '../../../ui/dom';
import { messageBar } from '../../../ui/views';
import type { TabConnectionStatus } from '../../api-types';
import type { ViewContext } from './context';

export interface SettingsViewState {
  connection: TabConnectionStatus;
  busy: boolean;
  confirmingDisconnect: boolean;
  /** Error of the connect form's token field, shown under the field. */
  fieldError?: string;
  /** The notification settings panel, shown while connected. */
  notifications?: HTMLElement;
}

export interface SettingsViewActions {
  connect(apiKey: string): void;
  test(): void;
  askDisconnect(): void;
  cancelDisconnect(): void;
  disconnect(): void;
}

function definition(term: string, value: string | null | undefined): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, value || '–')];
}

function connectedCard(state: SettingsViewState, actions: SettingsViewActions, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const { connection } = state;
  const user = connection.user!;
  return h(
    'section',
    { class: 'tab-settings__card fx-card', 'aria-labelledby': 'tab-settings-connected' },
    h('h2', { class: 'tab-section-title', id: 'tab-settings-connected' }, t('settingsTitle')),
    h(
      'dl',
      { class: 'tab-facts' },
      definition(t('connectedAs'), user.email ? `${user.displayName} (${user.email})` : user.displayName),
      definition(t('server'), connection.server),
      definition(
        t('connectedSince'),
        connection.connectedAt ? formatDateTime(connection.connectedAt, ctx.locale) : undefined,
      ),
    ),
    state.confirmingDisconnect
      ? h(
          'div',
          { class: 'tab-confirm', role: 'alertdialog', 'aria-labelledby': 'tab-confirm-text' },
          h('p', { id: 'tab-confirm-text' }, t('disconnectConfirm')),
          h(
            'div',
            { class: 'tab-actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'fx-button tab-button--danger',
                disabled: state.busy,
                onclick: actions.disconnect,
              },
              t('disconnectConfirmAction'),
            ),
            h(
              'button',
              { type: 'button', class: 'fx-button', disabled: state.busy, onclick: actions.cancelDisconnect },
              t('cancel'),
            ),
          ),
        )
      : h(
          'div',
          { class: 'tab-actions' },
          h(
            'button',
            { type: 'button', class: 'fx-button fx-button--primary', disabled: state.busy, onclick: actions.test },
            t('testConnection'),
          ),
          h(
            'button',
            { type: 'button', class: 'fx-button', disabled: state.busy, onclick: actions.askDisconnect },
            t('disconnect'),
          ),
        ),
  );
}

function connectForm(state: SettingsViewState, actions: SettingsViewActions, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const input = h('input', {
    class: 'fx-input',
    id: 'tab-api-key',
    name: 'apiKey',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': state.fieldError ? 'tab-api-key-hint tab-api-key-error' : 'tab-api-key-hint',
    'aria-invalid': state.fieldError ? 'true' : undefined,
  });
  const form = h(
    'form',
    {
      class: 'tab-connect-form',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        actions.connect(input.value);
        input.value = ''; // the token is not kept in the page once sent
      },
    },
    h(
      'div',
      { class: 'fx-field' },
      h('label', { class: 'fx-label', for: 'tab-api-key' }, t('apiKeyLabel')),
      input,
      h('span', { class: 'fx-hint', id: 'tab-api-key-hint' }, t('apiKeyHint')),
      state.fieldError ? h('span', { class: 'fx-field__error', id: 'tab-api-key-error' }, state.fieldError) : null,
    ),
    h('button', { type: 'submit', class: 'fx-button fx-button--primary', disabled: state.busy }, t('connectSubmit')),
  );
  return h(
    'section',
    { class: 'tab-settings__card fx-card', 'aria-labelledby': 'tab-settings-connect' },
    h('h2', { class: 'tab-section-title', id: 'tab-settings-connect' }, t('connectTitle')),
    state.connection.needsReconnect ? messageBar('warning', t('needsReconnectText')) : null,
    h('p', { class: 'tab-text' }, t('connectIntro')),
    h(
      'details',
      { class: 'tab-howto', open: true },
      h('summary', {}, t('howToTitle')),
      h(
        'ol',
        {},
        h('li', {}, t('howTo1')),
        h('li', {}, t('howTo2')),
        h('li', {}, t('howTo3')),
        h('li', {}, t('howTo4')),
      ),
      h(
        'a',
        {
          href: state.connection.tokenHelpUrl,
          target: '_blank',
          rel: 'noopener noreferrer',
        },
        t('openTokenPage'),
      ),
    ),
    form,
  );
}

/** Connection settings: who is connected to which InLoox server; connect, test, disconnect. */
export function settingsView(state: SettingsViewState, actions: SettingsViewActions, ctx: ViewContext): HTMLElement {
  return h(
    'div',
    { class: 'tab-view tab-settings' },
    state.connection.connected ? connectedCard(state, actions, ctx) : connectForm(state, actions, ctx),
    state.connection.connected ? (state.notifications ?? null) : null,
    h('p', { class: 'tab-footnote' }, ctx.t('sharedConnection')),
  );
}
