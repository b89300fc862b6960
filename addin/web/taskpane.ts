import { startTaskPane } from './pane';

const root = document.getElementById('app');
const mode =
  document.querySelector<HTMLMetaElement>('meta[name="inloox-mode"]')?.content === 'local' ? 'local' : 'production';
if (root) void startTaskPane(root, { apiBase: new URL('api', document.baseURI).pathname, mode });
