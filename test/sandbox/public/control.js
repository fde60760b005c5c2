/*
 * The sandbox control page: act as a person in Jira and as ZeroPath, run scheduled triggers, call a
 * resolver, and watch the sync feed. Plain DOM code over /__sandbox/api (sandbox-api.ts).
 */
(function () {
  'use strict';
  var API = '/__sandbox/api';
  var $ = function (id) {
    return document.getElementById(id);
  };
  var info = null;
  var currentIssue = new URLSearchParams(location.search).get('issue');
  var lastSeq = 0;

  function api(method, path, body) {
    return fetch(API + path, {
      method: method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error(json.error || 'HTTP ' + res.status);
        return json;
      });
    });
  }

  function toast(text, isError) {
    var t = $('toast');
    t.textContent = text;
    t.className = 'show' + (isError ? ' error' : '');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(
      function () {
        t.className = '';
      },
      isError ? 8000 : 3000,
    );
  }
  function fail(error) {
    toast(error.message || String(error), true);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  function acting() {
    return $('acting-as').value;
  }

  // ---- Jira ------------------------------------------------------------------------------------
  function loadIssues() {
    return api('GET', '/jira/issues' + ($('all-issues').checked ? '?all=1' : '')).then(function (r) {
      var body = $('issues-table').tBodies[0];
      body.textContent = '';
      if (r.issues.length === 0)
        body.appendChild(
          el('tr', {}, [
            el('td', { colspan: '5', text: 'No issues yet: export a finding from the findings page.' }),
          ]),
        );
      r.issues.forEach(function (i) {
        var row = el('tr', { 'data-key': i.key, class: i.key === currentIssue ? 'selected' : '' }, [
          el('td', {}, [
            el('a', {
              href: '?issue=' + i.key,
              onclick: function (e) {
                e.preventDefault();
                openIssue(i.key);
              },
              text: i.key,
            }),
          ]),
          el('td', { text: i.summary }),
          el('td', { class: 'status', text: i.status + (i.resolution ? ' (' + i.resolution + ')' : '') }),
          el('td', { text: i.findingId || '' }),
          el('td', { class: 'finding-status', text: i.findingStatus || '' }),
        ]);
        body.appendChild(row);
      });
    });
  }

  function openIssue(key) {
    currentIssue = key;
    history.replaceState(null, '', '?issue=' + encodeURIComponent(key));
    return api('GET', '/jira/issues/' + key)
      .then(renderIssue)
      .then(loadIssues)
      .catch(fail);
  }

  function renderIssue(issue) {
    $('issue-detail').hidden = false;
    $('issue-key').textContent = issue.key;
    $('issue-summary').textContent = issue.summary;
    $('issue-status').textContent = issue.status;
    $('issue-resolution').textContent = issue.resolution || 'Unresolved';
    $('issue-finding').textContent = issue.findingId || '(none)';
    $('issue-finding-status').textContent = issue.findingStatus || '';
    $('issue-description').textContent = issue.description;
    var select = $('transition-select');
    select.textContent = '';
    issue.transitions.forEach(function (t) {
      select.appendChild(
        el('option', {
          value: t.id,
          'data-to': t.to,
          text: t.name + ' → ' + t.to + (t.needsResolution ? ' (needs a resolution)' : ''),
        }),
      );
    });
    var res = $('resolution-select');
    res.textContent = '';
    res.appendChild(el('option', { value: '', text: '(none)' }));
    issue.resolutions.forEach(function (r) {
      res.appendChild(el('option', { value: r, text: r }));
    });
    var comments = $('issue-comments');
    comments.textContent = '';
    issue.comments.forEach(function (c) {
      comments.appendChild(
        el('li', { 'data-comment-id': c.id }, [el('strong', { text: c.author + ': ' }), c.text]),
      );
    });
    $('issue-properties').textContent = JSON.stringify(
      { properties: issue.properties, remoteLinks: issue.remoteLinks },
      null,
      2,
    );
    $('invoke-issue').value = issue.key;
  }

  $('transition-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var body = { as: acting(), transition: $('transition-select').value };
    if ($('resolution-select').value) body.resolution = $('resolution-select').value;
    if ($('transition-comment').value.trim()) body.comment = $('transition-comment').value;
    $('transition-button').disabled = true;
    api('POST', '/jira/issues/' + currentIssue + '/transition', body)
      .then(function (issue) {
        $('transition-comment').value = '';
        renderIssue(issue);
        toast(issue.key + ' is now ' + issue.status);
        return Promise.all([loadIssues(), loadFindings()]);
      })
      .catch(fail)
      .then(function () {
        $('transition-button').disabled = false;
      });
  });
  $('comment-form').addEventListener('submit', function (e) {
    e.preventDefault();
    api('POST', '/jira/issues/' + currentIssue + '/comment', { as: acting(), text: $('comment-text').value })
      .then(function (issue) {
        $('comment-text').value = '';
        renderIssue(issue);
      })
      .catch(fail);
  });
  $('all-issues').addEventListener('change', function () {
    loadIssues().catch(fail);
  });
  $('refresh-issues').addEventListener('click', function () {
    loadIssues().catch(fail);
    if (currentIssue) openIssue(currentIssue);
  });

  // ---- ZeroPath --------------------------------------------------------------------------------
  function loadFindings() {
    var q = new URLSearchParams({
      q: $('finding-search').value,
      status: $('finding-status-filter').value,
      limit: '50',
    });
    if ($('linked-only').checked) q.set('linked', '1');
    return api('GET', '/zeropath/findings?' + q).then(function (r) {
      $('findings-total').textContent =
        r.total + ' finding(s) match; showing ' + r.findings.length + ', highest score first.';
      var body = $('findings-table').tBodies[0];
      body.textContent = '';
      r.findings.forEach(function (f) {
        var select = el('select', { class: 'finding-status', 'aria-label': 'Status of ' + f.id });
        info.statuses.forEach(function (s) {
          var o = el('option', { value: s, text: s });
          if (s === f.status) o.selected = true;
          select.appendChild(o);
        });
        var setButton = el('button', {
          type: 'button',
          class: 'set-status',
          text: 'Set',
          onclick: function () {
            api('POST', '/zeropath/findings/' + f.id + '/status', { status: select.value })
              .then(function (u) {
                toast('ZeroPath: ' + u.id + ' is now ' + u.status + '. Run the sweep to sync it to Jira.');
              })
              .catch(fail);
          },
        });
        body.appendChild(
          el('tr', { 'data-finding-id': f.id }, [
            el('td', {}, [
              el('code', { text: f.id }),
              el('br'),
              f.title,
              el('br'),
              el('small', { text: f.repository + ' · ' + f.file }),
            ]),
            el('td', { text: String(f.score) }),
            el('td', { text: f.category }),
            el('td', {}, [select, setButton]),
            el('td', {}, [
              f.linkedIssue
                ? el('a', {
                    href: '?issue=' + f.linkedIssue,
                    onclick: function (e) {
                      e.preventDefault();
                      openIssue(f.linkedIssue);
                    },
                    text: f.linkedIssue,
                  })
                : '',
            ]),
          ]),
        );
      });
    });
  }
  $('finding-search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    loadFindings().catch(fail);
  });
  $('add-findings-form').addEventListener('submit', function (e) {
    e.preventDefault();
    api('POST', '/zeropath/findings', { count: Number($('add-findings-count').value) })
      .then(function (r) {
        toast('ZeroPath: ' + r.findings.length + ' new finding(s)');
        return loadFindings();
      })
      .catch(fail);
  });

  // ---- Forge -----------------------------------------------------------------------------------
  function renderForge() {
    var box = $('scheduled');
    if (info.scheduledTriggers.length === 0)
      box.appendChild(el('p', { text: 'The manifest declares no scheduled trigger yet.' }));
    info.scheduledTriggers.forEach(function (key) {
      box.appendChild(
        el('button', {
          type: 'button',
          'data-scheduled': key,
          text: 'Run ' + key + ' now',
          onclick: function (e) {
            var b = e.target;
            b.disabled = true;
            api('POST', '/scheduled/' + key + '/run')
              .then(function (r) {
                toast(
                  r.ok ? key + ' ran; the app has finished reacting' : key + ' failed: ' + r.error,
                  !r.ok,
                );
                return Promise.all([
                  loadIssues(),
                  loadFindings(),
                  currentIssue ? openIssue(currentIssue) : null,
                ]);
              })
              .catch(fail)
              .then(function () {
                b.disabled = false;
              });
          },
        }),
      );
    });
    var modules = $('invoke-module');
    info.uiModules
      .filter(function (m) {
        return m.hasResolver;
      })
      .forEach(function (m) {
        modules.appendChild(el('option', { value: m.key, text: m.title + ' (' + m.type + ')' }));
      });
  }
  $('invoke-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var payload;
    try {
      payload = JSON.parse($('invoke-payload').value || '{}');
    } catch (err) {
      return fail(new Error('Payload is not JSON'));
    }
    api('POST', '/invoke', {
      moduleKey: $('invoke-module').value,
      functionKey: $('invoke-function').value,
      payload: payload,
      as: acting(),
      issue: $('invoke-issue').value || undefined,
    })
      .then(function (r) {
        $('invoke-result').textContent = JSON.stringify(r, null, 2);
      })
      .catch(fail);
  });

  // ---- Feed ------------------------------------------------------------------------------------
  function pollFeed() {
    api('GET', '/events?after=' + lastSeq)
      .then(function (r) {
        var list = $('feed');
        r.entries.forEach(function (entry) {
          lastSeq = Math.max(lastSeq, entry.seq);
          list.insertBefore(
            el('li', { class: entry.problem ? 'problem' : '', 'data-source': entry.source }, [
              el('span', { class: 'src src-' + entry.source, text: entry.at.slice(11, 19) }),
              ' ',
              entry.text,
            ]),
            list.firstChild,
          );
        });
      })
      .catch(function () {
        /* the server is restarting or gone; the next poll retries */
      })
      .then(function () {
        setTimeout(pollFeed, 1000);
      });
  }

  api('GET', '/info')
    .then(function (i) {
      info = i;
      i.users.forEach(function (u) {
        $('acting-as').appendChild(el('option', { value: u.key, text: u.label }));
      });
      $('acting-as').value = 'alice';
      i.uiModules
        .filter(function (m) {
          return m.customUi;
        })
        .forEach(function (m) {
          $('app-links').appendChild(el('a', { href: '/app/' + m.key + '/', text: m.title }));
        });
      i.statuses.forEach(function (s) {
        $('finding-status-filter').appendChild(el('option', { value: s, text: s }));
      });
      renderForge();
      pollFeed();
      return Promise.all([loadIssues(), loadFindings(), currentIssue ? openIssue(currentIssue) : null]);
    })
    .catch(fail);
})();
