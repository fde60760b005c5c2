import React from 'react';
import ForgeReconciler from '@forge/react';
import { PanelApp } from './panel-app';

// The UI Kit entry the manifest's `panel-ui` resource points at; the Forge CLI bundles it.
ForgeReconciler.render(
  <React.StrictMode>
    <PanelApp />
  </React.StrictMode>,
);
