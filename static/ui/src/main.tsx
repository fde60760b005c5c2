import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { mountApp } from './mount';

async function start(): Promise<void> {
  const context = await view.getContext();
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element');
  mountApp(root, context.moduleKey);
}

void start();
