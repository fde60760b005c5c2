import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

async function start(): Promise<void> {
  const context = await view.getContext();
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App moduleKey={context.moduleKey} />
    </StrictMode>,
  );
}

void start();
