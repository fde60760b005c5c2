/*
 * The bridge of a UI Kit app frame in the sandbox (test/sandbox/ui-kit/). Jira runs a UI Kit
 * module's bundle in a frame of its own and gives it `window.__bridge.callBridge(command, data)`:
 * @forge/react sends each rendered tree with `reconcile`, @forge/bridge asks for the context and
 * invokes resolvers. Here `reconcile` goes to the host page (same origin: the tree's event
 * handlers stay callable), `invoke` goes through the sandbox server to the app's real resolvers as
 * the sandbox user, and anything else is refused loudly instead of hanging.
 * Loaded as a classic script before the bundle: @forge/bridge reads __bridge when it loads.
 */
(function () {
  'use strict';
  var context = window.__SANDBOX_UI_KIT_CONTEXT__;
  var sandbox = context.sandbox;
  var forgeContext = Object.assign({}, context);
  delete forgeContext.sandbox;

  function host() {
    var h = window.parent && window.parent !== window ? window.parent.__sandboxUiKitHost : undefined;
    if (!h) throw new Error('The UI Kit host is not loaded in the parent page');
    return h;
  }

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error(json && json.error ? json.error : 'Sandbox bridge error ' + res.status);
        return json;
      });
    });
  }

  var listeners = {};
  var commands = {
    reconcile: function (data) {
      host().reconcile(sandbox.slot, data.forgeDoc);
      return true;
    },
    onError: function (data) {
      var error = data && data.error;
      host().error(sandbox.slot, error && error.message ? error.message : String(error));
      return true;
    },
    getContext: function () {
      return forgeContext;
    },
    invoke: function (data) {
      return post('/__sandbox/ui-kit/invoke', {
        moduleKey: sandbox.moduleKey,
        functionKey: data.functionKey,
        payload: data.payload === undefined ? {} : data.payload,
        as: sandbox.as,
        issue: sandbox.issue,
        config: sandbox.config,
      }).then(function (answer) {
        // Forge rejects invoke when the resolver throws; a returned value is passed through as is.
        if (!answer.ok) throw new Error(answer.error);
        return data.metadata ? { body: answer.value, metadata: data.metadata } : answer.value;
      });
    },
    showFlag: function (data) {
      window.parent.postMessage({ type: 'sandbox-flag', flag: data }, location.origin);
      return true;
    },
    closeFlag: function () {
      return true;
    },
    navigate: function (data) {
      var target = data && data.url !== undefined ? data.url : data;
      var url = new URL(typeof target === 'string' ? target : '/', context.siteUrl).toString();
      if (data && data.type === 'new-tab') window.open(url, '_blank', 'noopener');
      else window.top.location.href = url;
      return true;
    },
    on: function (data) {
      (listeners[data.event] = listeners[data.event] || []).push(data.callback);
      return { unsubscribe: function () {} };
    },
    emit: function (data) {
      (listeners[data.event] || []).forEach(function (cb) {
        cb(data.payload);
      });
      return true;
    },
    // Lifecycle calls Jira acknowledges; nothing for the sandbox to do.
    emitReadyEvent: function () {
      return true;
    },
    getFrameId: function () {
      return context.localId;
    },
    emitFrontendCustomMetric: function () {
      return true;
    },
    initFeatureFlags: function () {
      return {};
    },
  };

  window.__bridge = {
    callBridge: function (command, data) {
      var handler = commands[command];
      if (!handler) {
        var message =
          'The sandbox UI Kit bridge does not support "' +
          command +
          '" (test/sandbox/public/ui-kit-bridge-shim.js)';
        console.warn(message);
        return Promise.reject(new Error(message));
      }
      try {
        return Promise.resolve(handler(data));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
})();
