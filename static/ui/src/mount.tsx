import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './app';
import { configureAtlaskitHost } from './atlaskit-host';

/** Renders the app into `element` exactly as the Custom UI entry does (tests mount it the same way). */
export function mountApp(element: HTMLElement, moduleKey: string | undefined): Root {
  configureAtlaskitHost();
  const root = createRoot(element);
  root.render(
    <StrictMode>
      <App moduleKey={moduleKey} />
    </StrictMode>,
  );
  return root;
}
