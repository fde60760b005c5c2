/*
 * The sandbox's stand-in for Jira's side of @forge/bridge. Jira gives a Custom UI iframe a
 * `window.__bridge.callBridge(command, data)`; @forge/bridge calls it for everything (getContext,
 * invoke, requestJira, router, flags …). This answers the commands the app can use, in-process
 * through the sandbox server, and rejects the rest with a clear message instead of hanging.
 * Loaded as a classic script before the bundle: @forge/bridge reads __bridge when it loads.
 */
(function () {
  'use strict';
  var context = window.__SANDBOX_CONTEXT__;
  var sandbox = context.sandbox;
  var forgeContext = Object.assign({}, context);
  delete forgeContext.sandbox;

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

  function toParent(message) {
    if (window.parent && window.parent !== window) window.parent.postMessage(message, location.origin);
  }

  function absolute(target) {
    if (typeof target !== 'string') target = (target && (target.url || target.target)) || '/';
    return new URL(target, context.siteUrl).toString();
  }

  var listeners = {};
  var commands = {
    getContext: function () {
      return forgeContext;
    },
    invoke: function (data) {
      return post('/__bridge/invoke', {
        moduleKey: context.moduleKey,
        functionKey: data.functionKey,
        payload: data.payload === undefined ? {} : data.payload,
        as: sandbox.as,
        project: sandbox.project,
        issue: sandbox.issue,
      }).then(function (answer) {
        // Forge rejects invoke when the resolver throws; a returned value is passed through as is.
        if (!answer.ok) throw new Error(answer.error);
        return data.metadata ? { body: answer.value, metadata: data.metadata } : answer.value;
      });
    },
    fetchProduct: function (data) {
      if (data.product !== 'jira')
        return Promise.reject(new Error('The sandbox only has Jira, not ' + data.product));
      var init = data.fetchRequestInit || {};
      return post('/__bridge/fetch-product', {
        as: sandbox.as,
        restPath: data.restPath,
        method: init.method || 'GET',
        headers: init.headers || [],
        body: init.body === undefined ? null : init.body,
      }).then(function (r) {
        return {
          body: r.body,
          headers: r.headers,
          status: r.status,
          statusText: r.statusText,
          isAttachment: false,
        };
      });
    },
    getUrl: function (location) {
      return new URL(absolute(location));
    },
    navigate: function (data) {
      var url = absolute(data.url !== undefined ? data.url : data);
      if (data.type === 'new-tab') window.open(url, '_blank', 'noopener');
      else window.top.location.href = url;
      return true;
    },
    reload: function () {
      window.location.reload();
      return true;
    },
    showFlag: function (data) {
      toParent({ type: 'sandbox-flag', flag: data });
      return true;
    },
    closeFlag: function () {
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
    // Page lifecycle calls Jira acknowledges; nothing for the sandbox to do.
    emitReadyEvent: function () {
      return true;
    },
    enableTheming: function () {
      return true;
    },
    changeWindowTitle: function (title) {
      document.title = String(title);
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
    getCookieConsentPreferences: function () {
      return null;
    },
    refresh: function () {
      window.location.reload();
      return true;
    },
  };

  window.__bridge = {
    callBridge: function (command, data) {
      var handler = commands[command];
      if (!handler) {
        var message =
          'The sandbox bridge does not support "' + command + '" (test/sandbox/public/bridge-shim.js)';
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
