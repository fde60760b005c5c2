import React from 'react';
import ForgeReconciler, { Label, Textfield } from '@forge/react';
import { ReportApp } from './report-app';

// The UI Kit entry of the `report-ui` resource (the security report macro); the Forge CLI bundles it.
ForgeReconciler.render(
  <React.StrictMode>
    <ReportApp />
  </React.StrictMode>,
);

// The macro's configuration (edit mode): one of repository or tag.
ForgeReconciler.addConfig(
  <>
    <Label labelFor="repository">ZeroPath repository (name)</Label>
    <Textfield name="repository" id="repository" />
    <Label labelFor="tag">…or repository tag</Label>
    <Textfield name="tag" id="tag" />
  </>,
);
